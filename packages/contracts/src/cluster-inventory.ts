import { z } from 'zod';
import { DNS_LABEL } from './app-spec.js';
import { MessageSchema } from './progress.js';

/*
 * Custom error messages in these schemas are ids of the message catalog (clusterplan.schema.*):
 * the loader shows them in the reader's language.
 */

/**
 * The inventory `quai cluster plan` reads: the virtual machines of a production cluster with their
 * roles, addresses and sizes, the networks already in use, the load balancer, storage, the
 * registry mirror and the proxy. Shapes are checked here; the rules that need several fields at
 * once (odd control-plane count, overlapping networks, sizes) live in core's clusterplan domain.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const Ipv4Address = z.string().regex(IPV4, 'clusterplan.schema.ipv4');
export const Ipv4Cidr = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/,
    'clusterplan.schema.cidr',
  );
const HostName = z
  .string()
  .regex(
    /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'clusterplan.schema.hostname',
  );
const NodeName = z
  .string()
  .max(63, 'clusterplan.schema.nodeName')
  .regex(DNS_LABEL, 'clusterplan.schema.nodeName');
const HttpsUrl = z.string().regex(/^https?:\/\/[^\s/]+/, 'clusterplan.schema.url');

export const InventoryNode = z.strictObject({
  name: NodeName,
  role: z.enum(['control-plane', 'worker']),
  address: Ipv4Address,
  cpus: z.number().int().min(1),
  memoryGiB: z.number().positive(),
  diskGiB: z.number().positive(),
  /** The disk behind /var/lib/rancher (etcd lives there on control-plane nodes). */
  diskType: z.enum(['ssd', 'hdd']).default('ssd'),
});
export type InventoryNode = z.infer<typeof InventoryNode>;

export const ExistingNetwork = z.strictObject({
  name: z.string().min(1),
  cidr: Ipv4Cidr,
});

export const EtcdOffNodeCopy = z.strictObject({
  s3: z.strictObject({
    endpoint: HostName.or(z.string().regex(/^[^\s/]+:\d+$/, 'clusterplan.schema.s3Endpoint')),
    bucket: z.string().min(3),
    folder: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    /** PEM file of the CA that signed the S3 server's certificate, on every control-plane node. */
    endpointCaFile: z.string().startsWith('/', 'clusterplan.schema.absolutePath').optional(),
  }),
});

export const ClusterInventory = z.strictObject({
  apiVersion: z.literal('quai.dev/v1alpha1'),
  kind: z.literal('ClusterInventory'),
  metadata: z.strictObject({ name: NodeName }),
  spec: z.strictObject({
    distribution: z.enum(['rke2', 'k3s']).default('rke2'),
    /** A release such as v1.34.2+rke2r1; the checklist pins it when given. */
    version: z
      .string()
      .regex(/^v\d+\.\d+\.\d+\+(rke2|k3s)r?\d+$/, 'clusterplan.schema.version')
      .optional(),
    /** Production rules (HA, off-node etcd copies) are errors in prod and warnings elsewhere. */
    environment: z.enum(['prod', 'staging', 'test']).default('prod'),
    network: z.strictObject({
      podCidr: Ipv4Cidr.default('10.42.0.0/16'),
      serviceCidr: Ipv4Cidr.default('10.43.0.0/16'),
      clusterDns: Ipv4Address.optional(),
      clusterDomain: HostName.default('cluster.local'),
      cni: z.enum(['canal', 'cilium', 'calico', 'flannel']).optional(),
      /** Networks already routed in the organisation: the cluster's ranges must not overlap them. */
      existing: z.array(ExistingNetwork).default([]),
    }),
    /** The fixed registration address in front of the control-plane nodes (a layer-4 load balancer). */
    loadBalancer: z
      .strictObject({
        address: Ipv4Address,
        hostname: HostName.optional(),
      })
      .optional(),
    /** Where ingress traffic (80, 443) enters: a load balancer address in front of the workers. */
    ingress: z.strictObject({ address: Ipv4Address, hostname: HostName.optional() }).optional(),
    nodes: z.array(InventoryNode).min(1),
    timeSync: z.strictObject({ servers: z.array(HostName.or(Ipv4Address)).min(1) }).optional(),
    etcd: z
      .strictObject({
        snapshotSchedule: z.string().min(1).default('0 */12 * * *'),
        retention: z.number().int().min(1).default(5),
        offNodeCopy: EtcdOffNodeCopy.optional(),
      })
      .default({ snapshotSchedule: '0 */12 * * *', retention: 5 }),
    storage: z
      .strictObject({
        kind: z.enum(['vsphere-csi', 'nfs', 'longhorn']),
        nfs: z
          .strictObject({
            server: HostName.or(Ipv4Address),
            path: z.string().startsWith('/', 'clusterplan.schema.absolutePath'),
          })
          .optional(),
        vsphere: z
          .strictObject({ vcenter: HostName.or(Ipv4Address), datacenter: z.string().min(1) })
          .optional(),
      })
      .optional(),
    registry: z
      .strictObject({
        /** The mirror (Harbor, GitLab's registry...) every node pulls through. */
        mirror: HttpsUrl,
        /** Registries the mirror stands in for. */
        mirrors: z.array(z.string().min(1)).default(['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io']),
        /** PEM file of the CA that signed the mirror's certificate, on every node. */
        caFile: z.string().startsWith('/', 'clusterplan.schema.absolutePath').optional(),
        /** No route to the internet: the distribution's own images come from the mirror too. */
        airGapped: z.boolean().default(false),
      })
      .optional(),
    proxy: z
      .strictObject({
        http: HttpsUrl,
        https: HttpsUrl.optional(),
        noProxy: z.array(z.string().min(1)).default([]),
      })
      .optional(),
    /** Extra names and addresses for the API server certificate. */
    tlsSans: z.array(HostName.or(Ipv4Address)).default([]),
  }),
});
export type ClusterInventory = z.infer<typeof ClusterInventory>;

/** Where a problem of an input file is: the file, line and column, and the path of the value. */
export const InputLocation = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  path: z.string().optional(),
});

/** One file of a cluster plan: where it goes on which node, its mode there, its content. */
export const PlannedFile = z.object({
  /** Path inside the plan folder: `<node>/etc/rancher/rke2/config.yaml`, `checklist.md`. */
  path: z.string(),
  /** Absolute path on the node, for files copied to a node. */
  target: z.string().optional(),
  node: z.string().optional(),
  mode: z.number().int().optional(),
  /** Keep the node's copy if it exists (it holds secrets filled in on the node). */
  keepExisting: z.boolean().optional(),
  content: z.string(),
});

export const FirewallParty = z.enum([
  'all-nodes',
  'control-plane',
  'workers',
  'load-balancer',
  'administrators',
  'users',
  'ingress-nodes',
  'time-servers',
  'registry',
  's3',
  'proxy',
]);

/** A flow to open: protocol and ports, from whom to whom, and why (a catalog message). */
export const FirewallRule = z.object({
  protocol: z.enum(['TCP', 'UDP', 'ICMP']),
  ports: z.string(),
  from: FirewallParty,
  to: FirewallParty,
  purpose: MessageSchema,
});
