import { z } from 'zod';

/** A DNS-1123 label: what Kubernetes accepts as a name of most objects. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const label = (what: string) =>
  z
    .string()
    .max(63, `${what} must be at most 63 characters`)
    .regex(
      DNS_LABEL,
      `${what} must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    );

export const Quantity = z
  .string()
  .regex(
    /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$/,
    'must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi',
  );

const ResourceAmounts = z.strictObject({ cpu: Quantity.optional(), memory: Quantity.optional() });
export const Resources = z.strictObject({
  requests: ResourceAmounts.optional(),
  limits: ResourceAmounts.optional(),
});

export const SecretRef = z.strictObject({
  secret: label('secret name'),
  key: z
    .string()
    .min(1)
    .regex(/^[-._a-zA-Z0-9]+$/, 'must be a valid Secret key'),
});

const PortRef = z.union([z.number().int().min(1).max(65535), label('port name')]);

export const Probe = z
  .strictObject({
    http: z.strictObject({ path: z.string().startsWith('/'), port: PortRef }).optional(),
    tcp: z.strictObject({ port: PortRef }).optional(),
    exec: z.strictObject({ command: z.array(z.string()).min(1) }).optional(),
    initialDelaySeconds: z.number().int().min(0).optional(),
    periodSeconds: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
  })
  .refine((p) => [p.http, p.tcp, p.exec].filter((x) => x !== undefined).length === 1, {
    message: 'a probe needs exactly one of http, tcp or exec',
  });

export const Port = z.strictObject({
  name: label('port name').max(15, 'port name must be at most 15 characters'),
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
});

export const Expose = z.strictObject({
  /** A full host name, or a name relative to the platform's domain (no dot). */
  host: z.string().min(1),
  path: z.string().startsWith('/').default('/'),
  port: PortRef,
  tls: z.boolean().default(true),
});

export const BackupPolicy = z.union([
  z.literal('none'),
  z.strictObject({
    schedule: z.string().min(1).default('daily'),
    retention: z.string().optional(),
  }),
]);

export const Volume = z.strictObject({
  name: label('volume name'),
  mountPath: z.string().startsWith('/', 'mountPath must be absolute'),
  /** persistent: a PersistentVolumeClaim; temporary: an emptyDir (memory: a tmpfs). */
  type: z.enum(['persistent', 'temporary', 'memory']).default('persistent'),
  size: Quantity.optional(),
  accessMode: z.enum(['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod']).optional(),
  storageClass: z.string().optional(),
  readOnly: z.boolean().optional(),
  subPath: z.string().optional(),
  backup: BackupPolicy.optional(),
});

export const ConfigFile = z
  .strictObject({
    path: z.string().startsWith('/', 'path must be absolute'),
    /** The file's content, inline. */
    content: z.string().optional(),
    /** A file beside the app spec whose content is read when the spec is loaded. */
    fromFile: z.string().optional(),
    /** The file comes from a key of an existing Secret (credentials, certificates). */
    secretRef: SecretRef.optional(),
    mode: z.number().int().min(0).max(0o777).optional(),
  })
  .refine((f) => [f.content, f.fromFile, f.secretRef].filter((x) => x !== undefined).length === 1, {
    message: 'a config file needs exactly one of content, fromFile or secretRef',
  });

/** What a security exception may allow; each needs a written justification. */
export const EXCEPTION_KINDS = [
  'runAsRoot',
  'writableRootFilesystem',
  'privilegeEscalation',
  'privileged',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostPath',
  'serviceAccountToken',
  'unconfinedSeccomp',
] as const;

export const SecurityException = z.strictObject({
  allow: z.union([
    z.enum(EXCEPTION_KINDS),
    z
      .string()
      .regex(
        /^capability:[A-Z_]+$/,
        'a capability exception reads capability:NAME, e.g. capability:NET_BIND_SERVICE',
      ),
  ]),
  justification: z.string().min(10, 'a justification says why, in at least 10 characters'),
  /** Date after which the exception must be reviewed (YYYY-MM-DD). */
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export const Dependency = z.union([
  label('component name'),
  z.strictObject({
    component: label('component name'),
    condition: z.enum(['started', 'healthy', 'completed']).default('started'),
  }),
]);

const workloadFields = {
  image: z.string().min(1),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  secretEnv: z.record(z.string(), SecretRef).optional(),
  configFiles: z.array(ConfigFile).optional(),
  volumes: z.array(Volume).optional(),
  resources: Resources.optional(),
  user: z
    .strictObject({
      uid: z.number().int().min(0),
      gid: z.number().int().min(0).optional(),
      fsGroup: z.number().int().min(0).optional(),
    })
    .optional(),
  securityExceptions: z.array(SecurityException).optional(),
  dependsOn: z.array(Dependency).optional(),
  /**
   * Components this workload talks to without waiting for them at start (two services that call
   * each other are peers, not a start order): NetworkPolicies allow the traffic, nothing waits.
   */
  connectsTo: z.array(label('component name')).optional(),
  /**
   * Networks the workload is on, as compose networks: workloads sharing a network may reach each
   * other on any port (one NetworkPolicy per network). Without it, only dependsOn and connectsTo
   * are allowed.
   */
  networks: z.array(label('network name')).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Annotations of the pods (metrics scraping, backup hooks, ...). */
  annotations: z.record(z.string(), z.string()).optional(),
};

/** One rule of an HPA's scale-up or scale-down behaviour (autoscaling/v2 HPAScalingRules). */
export const ScalingRules = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(['Pods', 'Percent']),
        value: z.number().int().min(1),
        periodSeconds: z.number().int().min(1).max(1800),
      }),
    )
    .optional(),
});

/**
 * A metric other than CPU and memory: a per-pod metric (`Pods`, such as requests per second
 * from a custom metrics adapter), a metric of another object (`Object`), or one from outside the
 * cluster (`External`, such as a queue length).
 */
export const CustomMetric = z
  .strictObject({
    type: z.enum(['Pods', 'Object', 'External']).default('Pods'),
    name: z.string().min(1),
    /** Labels that select the metric's series. */
    selector: z.record(z.string(), z.string()).optional(),
    /** The object the metric describes (Object metrics). */
    object: z.strictObject({ apiVersion: z.string(), kind: z.string(), name: z.string() }).optional(),
    averageValue: Quantity.optional(),
    value: Quantity.optional(),
  })
  .refine((m) => (m.averageValue === undefined) !== (m.value === undefined), {
    message: 'a custom metric needs exactly one of averageValue or value',
  })
  .refine((m) => m.type !== 'Object' || m.object !== undefined, { message: 'an Object metric needs object' })
  .refine((m) => m.type !== 'Pods' || m.averageValue !== undefined, {
    message: 'a Pods metric takes averageValue (the target per pod)',
  });

export const Autoscaling = z
  .strictObject({
    minReplicas: z.number().int().min(1),
    maxReplicas: z.number().int().min(1),
    cpuUtilization: z.number().int().min(1).max(100).default(70),
    memoryUtilization: z.number().int().min(1).max(100).optional(),
    /** Custom, object and external metrics, beside CPU (and memory). */
    metrics: z.array(CustomMetric).optional(),
    /** How fast to scale up and down (the HPA's defaults when left out). */
    behavior: z
      .strictObject({ scaleUp: ScalingRules.optional(), scaleDown: ScalingRules.optional() })
      .optional(),
  })
  .refine((a) => a.maxReplicas >= a.minReplicas, { message: 'maxReplicas must be at least minReplicas' });

/**
 * Hours when a component is scaled to zero (nights and weekends of non-production
 * environments): at each window's `from` it goes to 0 replicas, at its `to` back to its count.
 * Cron expressions (minute hour day month weekday), in `timeZone`.
 */
export const OffHours = z.strictObject({
  timeZone: z.string().optional(),
  windows: z
    .array(z.strictObject({ from: z.string().min(9), to: z.string().min(9) }))
    .min(1, 'offHours needs at least one window'),
});

export const Component = z.strictObject({
  ...workloadFields,
  ports: z.array(Port).optional(),
  expose: z.array(Expose).optional(),
  probes: z
    .strictObject({ readiness: Probe.optional(), liveness: Probe.optional(), startup: Probe.optional() })
    .optional(),
  replicas: z.number().int().min(0).optional(),
  autoscaling: Autoscaling.optional(),
  /** Scaled to zero in these windows (nights, weekends); usually set per environment. */
  offHours: OffHours.optional(),
  /** Other names this component answers to (a compose service renamed to fit Kubernetes). */
  aliases: z.array(label('alias')).optional(),
  stopGracePeriodSeconds: z.number().int().min(0).optional(),
});

export const Job = z.strictObject({
  ...workloadFields,
  /** A cron schedule makes it a CronJob; without one, a one-shot setup Job. */
  schedule: z.string().optional(),
  timeZone: z.string().optional(),
  backoffLimit: z.number().int().min(0).optional(),
  activeDeadlineSeconds: z.number().int().min(1).optional(),
});

const ComponentOverride = z.strictObject({
  image: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
  resources: Resources.optional(),
  replicas: z.number().int().min(0).optional(),
  autoscaling: Component.shape.autoscaling,
  offHours: OffHours.optional(),
  expose: z.array(Expose).optional(),
});

export const EnvironmentOverride = z.strictObject({
  components: z.record(z.string(), ComponentOverride).optional(),
  jobs: z
    .record(z.string(), z.strictObject({ image: z.string().optional(), schedule: z.string().optional() }))
    .optional(),
});

/** A database dumped with the app's backups (pg_dump -Fc, mariadb-dump --single-transaction). */
export const DatabaseBackup = z
  .strictObject({
    name: label('database backup name'),
    engine: z.enum(['postgresql', 'mariadb', 'mysql']),
    /** A component of the app (its Service's name), or `host` for a server outside the app. */
    service: label('component name').optional(),
    host: z.string().min(1).optional(),
    /** Default: 5432 for PostgreSQL, 3306 for MariaDB and MySQL. */
    port: z.number().int().min(1).max(65535).optional(),
    database: z.string().min(1),
    user: z.string().min(1),
    passwordSecret: SecretRef.optional(),
    /** Data checks: SQL queries whose result after a drill restore must equal the one at backup time. */
    checks: z.array(z.strictObject({ name: z.string().min(1), query: z.string().min(1) })).optional(),
  })
  .refine((d) => (d.service === undefined) !== (d.host === undefined), {
    message: 'give either service (a component of the app) or host',
  });

export const AppBackup = z.strictObject({
  databases: z.array(DatabaseBackup).optional(),
});

export const AppSpec = z.strictObject({
  apiVersion: z.literal('quai.dev/v1alpha1'),
  kind: z.literal('App'),
  metadata: z.strictObject({
    name: label('app name'),
    team: z.string().optional(),
    owner: z.string().optional(),
    description: z.string().optional(),
  }),
  spec: z.strictObject({
    /** Defaults to the app's name (with the environment's suffix). */
    namespace: label('namespace').optional(),
    components: z.record(label('component name'), Component).refine((c) => Object.keys(c).length > 0, {
      message: 'an app needs at least one component',
    }),
    jobs: z.record(label('job name'), Job).optional(),
    environments: z.record(label('environment name'), EnvironmentOverride).optional(),
    /** Application-consistent backups: the databases to dump. */
    backup: AppBackup.optional(),
  }),
});

export type AppSpec = z.infer<typeof AppSpec>;
export type Component = z.infer<typeof Component>;
export type Job = z.infer<typeof Job>;
export type Volume = z.infer<typeof Volume>;
export type DatabaseBackup = z.infer<typeof DatabaseBackup>;
export type Probe = z.infer<typeof Probe>;
export type SecurityException = z.infer<typeof SecurityException>;
export type Dependency = z.infer<typeof Dependency>;
export type ConfigFile = z.infer<typeof ConfigFile>;

export const PolicyLevel = z.enum(['restricted', 'baseline', 'privileged']);

const EnvironmentSettings = z.strictObject({
  /** Namespace suffix: `-staging` gives grist-staging. Empty for prod by convention. */
  namespaceSuffix: z
    .string()
    .regex(/^(-[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/)
    .default(''),
  domain: z.string().optional(),
  /** Production: single replicas are raised to this minimum. */
  minReplicas: z.number().int().min(1).optional(),
  policyLevel: PolicyLevel.optional(),
});

export const PlatformConfig = z.strictObject({
  apiVersion: z.literal('quai.dev/v1alpha1'),
  kind: z.literal('Platform'),
  metadata: z.strictObject({ name: label('platform name') }),
  spec: z.strictObject({
    domain: z.string().min(1),
    ingressClass: z.string().optional(),
    /** Namespace of the ingress controller: exposed components accept traffic from it. */
    ingressNamespace: z.string().default('ingress-nginx'),
    /** cert-manager ClusterIssuer for Ingress TLS certificates. */
    tlsIssuer: z.string().optional(),
    storageClasses: z
      .strictObject({ default: z.string().optional(), shared: z.string().optional() })
      .default({}),
    /** Registry that mirrors public images: `docker.io/gristlabs/grist` becomes `MIRROR/gristlabs/grist`. */
    registryMirror: z.string().optional(),
    defaultPolicyLevel: PolicyLevel.default('restricted'),
    backupTarget: z.string().optional(),
    /** Image of the init containers that wait for dependencies (needs `nc`). */
    waitImage: z.string().default('busybox:1.37'),
    /** Image of the Jobs that scale components for their off-hours (runs `kubectl scale`). */
    scalerImage: z.string().default('registry.k8s.io/kubectl:v1.36.3'),
    defaults: z
      .strictObject({
        resources: Resources.default({
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { memory: '512Mi' },
        }),
        volumeSize: Quantity.default('1Gi'),
      })
      .default({
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
        volumeSize: '1Gi',
      }),
    quota: z
      .strictObject({
        cpu: Quantity.optional(),
        memory: Quantity.optional(),
        pods: z.number().int().min(1).optional(),
      })
      .optional(),
    environments: z
      .record(label('environment name'), EnvironmentSettings)
      .default({ prod: { namespaceSuffix: '' } }),
  }),
});
export type PlatformConfig = z.infer<typeof PlatformConfig>;
export type PolicyLevel = z.infer<typeof PolicyLevel>;
