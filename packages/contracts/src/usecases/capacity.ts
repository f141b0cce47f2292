import { z } from 'zod';
import { Quantity } from '../app-spec.js';
import { defineUseCase } from '../usecase.js';
import { MessageSchema } from '../progress.js';
import { AppRef, DocumentSource, EnvironmentSelector } from './sources.js';
import { AppTarget } from './deploy.js';

/**
 * Capacity: what the cluster holds and uses, what would fit, how many nodes a VM estate needs,
 * what containers should request, and scaling. Amounts are numbers a chart can plot directly:
 * CPU in millicores, memory in bytes.
 */
export const Amounts = z.object({
  /** Millicores. */
  cpu: z.number(),
  /** Bytes. */
  memory: z.number(),
});
export type Amounts = z.infer<typeof Amounts>;

/** Shares of a total, 0..1 (undefined when the total is zero or unknown). */
export const Shares = z.object({ cpu: z.number().optional(), memory: z.number().optional() });

/** A text file given by path (CLI) or inline (HTTP API, console). */
export const TextSource = z.union([
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ text: z.string().max(16 * 1024 * 1024), name: z.string().max(255).optional() }).strict(),
]);
export type TextSource = z.infer<typeof TextSource>;

/** A Prometheus server whose cAdvisor/kubelet series give usage and its history. */
export const PrometheusSource = z.object({
  url: z.string().url(),
  /** A bearer token for servers behind authentication. */
  token: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// The report

export const UsageSourceKind = z.enum(['metrics-server', 'prometheus', 'none']);

export const ReportRequest = z.object({
  /** Only these namespaces (default: all). */
  namespaces: z.array(z.string()).optional(),
  /** Where usage comes from: metrics.k8s.io when served (`auto`), a Prometheus server, or none. */
  usage: z.enum(['auto', 'metrics-server', 'prometheus', 'none']).default('auto'),
  prometheus: PrometheusSource.optional(),
  /** How many top consumers to list. */
  top: z.number().int().min(1).max(1000).default(10),
});

export const NodeCapacity = z.object({
  name: z.string(),
  zone: z.string().optional(),
  roles: z.array(z.string()),
  ready: z.boolean(),
  schedulable: z.boolean(),
  taints: z.array(z.string()),
  allocatable: Amounts.extend({ pods: z.number() }),
  requests: Amounts,
  limits: Amounts,
  usage: Amounts.optional(),
  pods: z.number(),
  /** Requests and usage as shares of allocatable. */
  requested: Shares,
  used: Shares,
});

export const QuotaUse = z.object({
  quota: z.string(),
  resource: z.string(),
  hard: z.string(),
  used: z.string(),
  /** used / hard, when both are quantities. */
  share: z.number().optional(),
});

export const NamespaceCapacity = z.object({
  name: z.string(),
  pods: z.number(),
  requests: Amounts,
  limits: Amounts,
  usage: Amounts.optional(),
  quotas: z.array(QuotaUse),
});

export const ShapeStatus = z.enum(['fits', 'fragmented', 'too-big', 'constrained']);

/** A pod shape (a workload's pod, or a pending pod): where one more would fit. */
export const ShapeFit = z.object({
  namespace: z.string(),
  workload: z.string(),
  requests: Amounts,
  replicas: z.number(),
  /** Nodes where one more pod of this shape fits now (the scheduler's filters). */
  fitsOn: z.number(),
  status: ShapeStatus,
  /** Why the other nodes refuse it (reason -> nodes). */
  reasons: z.record(z.string(), z.number()),
});

export const Consumer = z.object({
  namespace: z.string(),
  pod: z.string(),
  workload: z.string().optional(),
  node: z.string().optional(),
  requests: Amounts,
  limits: Amounts,
  usage: Amounts.optional(),
});

export const Sizing = z.object({
  namespace: z.string(),
  workload: z.string(),
  pods: z.number(),
  requests: Amounts,
  usage: Amounts,
  /** usage / requests per resource. */
  ratio: Shares,
});

export const PendingPod = z.object({
  namespace: z.string(),
  pod: z.string(),
  workload: z.string().optional(),
  requests: Amounts,
  reasons: z.record(z.string(), z.number()),
  message: MessageSchema,
});

export const CapacityReport = z.object({
  generatedAt: z.string(),
  usageSource: z.object({ kind: UsageSourceKind, detail: MessageSchema.optional() }),
  cluster: z.object({
    nodes: z.number(),
    schedulableNodes: z.number(),
    pods: z.number(),
    pendingPods: z.number(),
    allocatable: Amounts.extend({ pods: z.number() }),
    requests: Amounts,
    limits: Amounts,
    usage: Amounts.optional(),
    /** Allocatable minus requests on schedulable nodes. */
    free: Amounts,
    requested: Shares,
    used: Shares,
  }),
  nodes: z.array(NodeCapacity),
  namespaces: z.array(NamespaceCapacity),
  fragmentation: z.object({
    /** The most free on any one schedulable node. */
    largestFree: Amounts,
    totalFree: Amounts,
    /** 1 - largest free / total free: 0 when all free capacity is on one node. */
    index: Shares,
    shapes: z.array(ShapeFit),
  }),
  top: z.object({
    byRequests: z.array(Consumer),
    byUsage: z.array(Consumer),
    /** Workloads using much less than they request. */
    overRequested: z.array(Sizing),
    /** Workloads using more than they request. */
    underRequested: z.array(Sizing),
  }),
  pending: z.array(PendingPod),
  warnings: z.array(MessageSchema),
});
export type CapacityReport = z.infer<typeof CapacityReport>;

// ---------------------------------------------------------------------------------------------
// The simulation

/** A node to add, as a template (a VM size) or a copy of an existing node. */
export const NodeTemplate = z
  .object({
    /** Copy an existing node (labels, taints, allocatable). */
    like: z.string().optional(),
    cpu: Quantity.optional(),
    memory: Quantity.optional(),
    pods: z.number().int().min(1).max(1000).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    taints: z
      .array(
        z.object({
          key: z.string(),
          value: z.string().default(''),
          effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
        }),
      )
      .optional(),
    /** Name prefix of the added nodes. */
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
      .optional(),
  })
  .refine((t) => t.like !== undefined || (t.cpu !== undefined && t.memory !== undefined), {
    message: 'a node template needs either `like` (an existing node) or both `cpu` and `memory`',
  });
export type NodeTemplate = z.infer<typeof NodeTemplate>;

export const SimulateRequest = EnvironmentSelector.extend({
  /** App specs to add, rendered for the environment. */
  apps: z.array(DocumentSource).default([]),
  /** Rendered manifests (Deployments, StatefulSets, Jobs, Pods, ...) to add. */
  manifests: z.array(DocumentSource).default([]),
  /** Replicas of a workload, by `Kind/name` or name: overrides its manifest. */
  replicas: z.record(z.string(), z.number().int().min(0).max(10_000)).default({}),
  /** Workloads an HPA drives: at its minimum or at its maximum. */
  autoscaled: z.enum(['min', 'max']).default('min'),
  /** Nodes that disappear (failure, removal): their pods are recreated elsewhere if they have a controller. */
  removeNodes: z.array(z.string()).default([]),
  /** Nodes drained as `kubectl drain` does: cordoned, pods evicted one by one within their PodDisruptionBudgets. */
  drainNodes: z.array(z.string()).default([]),
  addNodes: z
    .array(z.object({ template: NodeTemplate, count: z.number().int().min(1).max(1000) }))
    .default([]),
  /** When pods stay pending: how many nodes of this template would let them fit. */
  nodeTemplate: NodeTemplate.optional(),
  /** The cluster state as a file (a List or a stream of Nodes, Pods, ...) instead of the live cluster. */
  snapshot: DocumentSource.optional(),
});

export const PodOutcome = z.object({
  namespace: z.string(),
  pod: z.string(),
  workload: z.string().optional(),
  /** Where it came from: an added app or manifest, or a pod moved by a node change. */
  origin: z.enum(['added', 'moved', 'existing']),
  status: z.enum(['placed', 'pending', 'preempted', 'lost']),
  node: z.string().optional(),
  /** Nodes that scored as well (kube-scheduler picks one of them at random). */
  tiedWith: z.number().optional(),
  requests: Amounts,
  priority: z.number(),
  reasons: z.record(z.string(), z.number()).optional(),
  message: MessageSchema.optional(),
});

export const WorkloadOutcome = z.object({
  namespace: z.string(),
  workload: z.string(),
  app: z.string().optional(),
  replicas: z.number(),
  placed: z.number(),
  pending: z.number(),
  /** Pods per node. */
  nodes: z.record(z.string(), z.number()),
});

export const DrainOutcome = z.object({
  node: z.string(),
  evicted: z.number(),
  /** Pods whose PodDisruptionBudget would not let them go. */
  blocked: z.array(z.object({ pod: z.string(), budget: z.string() })),
  /** Pods with no controller: they would be deleted, not recreated. */
  unmanaged: z.array(z.string()),
  /** DaemonSet pods, which drain leaves (they are not rescheduled). */
  daemonSetPods: z.number(),
});

export const NodeOutcome = z.object({
  name: z.string(),
  origin: z.enum(['cluster', 'added']),
  state: z.enum(['kept', 'removed', 'drained']),
  allocatable: Amounts.extend({ pods: z.number() }),
  before: Amounts.extend({ pods: z.number() }),
  after: Amounts.extend({ pods: z.number() }),
});

export const Recommendation = z.object({
  template: z.string(),
  /** How many such nodes make every pending pod fit (null: no number of them would). */
  nodes: z.number().nullable(),
  /** Pods that would fit on no node of this template, whatever the count. */
  cannotFit: z.array(z.object({ pod: z.string(), reasons: z.record(z.string(), z.number()) })),
});

export const SimulationResult = z.object({
  source: z.enum(['cluster', 'snapshot']),
  verdict: z.enum(['fits', 'pending']),
  before: z.object({
    nodes: z.number(),
    pods: z.number(),
    pending: z.number(),
    requests: Amounts,
    allocatable: Amounts,
  }),
  after: z.object({
    nodes: z.number(),
    pods: z.number(),
    pending: z.number(),
    requests: Amounts,
    allocatable: Amounts,
  }),
  workloads: z.array(WorkloadOutcome),
  pods: z.array(PodOutcome),
  drains: z.array(DrainOutcome),
  nodes: z.array(NodeOutcome),
  /** Pending pods by reason (a reason counts each node that refused for it). */
  pendingReasons: z.record(z.string(), z.number()),
  recommendation: Recommendation.optional(),
  seconds: z.number(),
  warnings: z.array(MessageSchema),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

// ---------------------------------------------------------------------------------------------
// Sizing from the VM estate

export const NodeShape = z.object({ cpu: Quantity, memory: Quantity });

export const SizeRequest = z.object({
  inventory: TextSource,
  /** Node sizes to compare (default: 4 vCPU/16 GiB, 8/32, 16/64). */
  shapes: z.array(NodeShape).default([]),
  /** Nodes that may fail while everything still fits (N+k). */
  failures: z.number().int().min(0).max(10).default(1),
  /** Extra nodes during an upgrade (a node drained and replaced at a time). */
  surge: z.number().int().min(0).max(10).default(1),
  /** Share of a node's allocatable the workloads may use in normal operation. */
  targetUtilisation: z.number().min(0.1).max(1).default(0.7),
  /** CPU requests are sized from measured use times this factor (peaks above the average). */
  peakFactor: z.number().min(1).max(10).default(1.5),
  /** Memory requests are sized from measured use times this factor. */
  memoryFactor: z.number().min(1).max(10).default(1.2),
  /** Reserved on each node for the system, the kubelet and eviction thresholds. */
  reserved: z.object({ cpu: Quantity, memory: Quantity }).default({ cpu: '500m', memory: '1Gi' }),
  maxPodsPerNode: z.number().int().min(1).max(1000).default(110),
  /** Containers per VM (a VM becomes this many pods). */
  podsPerVm: z.number().int().min(1).max(100).default(1),
});

export const SizeOption = z.object({
  shape: z.object({ cpu: z.number(), memory: z.number() }),
  /** What a node of this shape offers to pods (the shape minus the reserved amounts). */
  allocatable: Amounts,
  /** Nodes to hold the load at the target utilisation (first-fit decreasing of the VMs). */
  forLoad: z.number(),
  /** Nodes so that the load still fits, at full allocatable, with `failures` nodes lost. */
  forFailures: z.number(),
  /** The node count to run. */
  nodes: z.number(),
  /** Nodes that exist at once during a rolling upgrade (with the surge). */
  duringUpgrade: z.number(),
  bottleneck: z.enum(['cpu', 'memory', 'pods']),
  /** Share of the allocatable the load takes, normally and with the tolerated failures. */
  utilisation: z.object({ normal: Shares, degraded: Shares }),
  total: Amounts,
  /** VMs larger than a node of this shape can hold. */
  tooBig: z.array(z.string()),
});

export const SizeResult = z.object({
  inventory: z.object({
    vms: z.number(),
    containerisable: z.number(),
    excluded: z.number(),
    allocated: z.object({ vcpu: z.number(), memory: z.number() }),
    measured: Amounts,
  }),
  demand: Amounts.extend({ pods: z.number() }),
  assumptions: z.object({
    failures: z.number(),
    surge: z.number(),
    targetUtilisation: z.number(),
    peakFactor: z.number(),
    memoryFactor: z.number(),
    reserved: Amounts,
    maxPodsPerNode: z.number(),
    podsPerVm: z.number(),
  }),
  options: z.array(SizeOption),
  /** Index in `options` of the shape that provisions the least for the demand. */
  recommended: z.number(),
  /** The largest VMs: a node must hold the biggest single workload. */
  largest: z.array(z.object({ name: z.string(), cpu: z.number(), memory: z.number() })),
  warnings: z.array(MessageSchema),
});
export type SizeResult = z.infer<typeof SizeResult>;

// ---------------------------------------------------------------------------------------------
// Right-sizing

export const RightsizeRequest = EnvironmentSelector.extend({
  app: DocumentSource,
  /** VPA: target p90 +15%; KRR: CPU p95, memory max +15%. */
  method: z.enum(['vpa', 'krr']).default('krr'),
  prometheus: PrometheusSource.optional(),
  /** Usage history saved from Prometheus (query_range JSON), instead of a server. */
  history: TextSource.optional(),
  /** How far back, as Prometheus durations: 14d, 7d, 24h. */
  window: z
    .string()
    .regex(/^\d+[smhdw]$/)
    .default('14d'),
  /** Changes smaller than this share are not proposed. */
  minChange: z.number().min(0).max(1).default(0.1),
});

export const UsageStats = z.object({
  samples: z.number(),
  cpuP50: z.number().optional(),
  cpuP90: z.number().optional(),
  cpuP95: z.number().optional(),
  cpuMax: z.number().optional(),
  memoryP90: z.number().optional(),
  memoryMax: z.number().optional(),
});

export const ContainerRecommendation = z.object({
  component: z.string(),
  pods: z.number(),
  current: z.object({ requests: z.record(z.string(), z.string()), limits: z.record(z.string(), z.string()) }),
  observed: UsageStats,
  recommended: z.object({
    requests: z.record(z.string(), z.string()),
    limits: z.record(z.string(), z.string()),
  }),
  change: z.enum(['increase', 'decrease', 'mixed', 'keep', 'no-data']),
  note: MessageSchema.optional(),
});

export const RightsizeResult = z.object({
  app: z.string(),
  environment: z.string(),
  namespace: z.string(),
  method: z.enum(['vpa', 'krr']),
  rule: MessageSchema,
  source: z.object({ kind: z.enum(['prometheus', 'history']), window: z.string() }),
  containers: z.array(ContainerRecommendation),
  /** The app spec with the recommendations, for review. */
  spec: z.string(),
  /** A unified diff from the current app spec to `spec`. */
  patch: z.string(),
  changed: z.boolean(),
});
export type RightsizeResult = z.infer<typeof RightsizeResult>;

// ---------------------------------------------------------------------------------------------
// Scaling by hand

export const ScaleRequest = EnvironmentSelector.extend({
  app: AppRef,
  /** The component to scale; may be left out when the app has one. */
  component: z.string().optional(),
  replicas: z.number().int().min(0).max(10_000),
  /** Why (recorded in the audit trail). */
  reason: z.string().max(1000).optional(),
});

export const ScaleResult = z.object({
  app: z.string(),
  environment: z.string(),
  namespace: z.string(),
  workload: z.string(),
  from: z.number(),
  to: z.number(),
  /** Who the API server now records as owner of spec.replicas. */
  fieldManager: z.string(),
  /** The app, environment and namespace scaled: what the audit trail records the change against. */
  target: AppTarget,
});
export type ScaleResult = z.infer<typeof ScaleResult>;

export const capacityUseCases = {
  'capacity.report': defineUseCase({
    id: 'capacity.report',
    summary: {
      en: 'Show the capacity of the cluster: per node and namespace, allocatable, requests, limits, usage, quotas, fragmentation, top consumers',
      fr: 'Montrer la capacité du cluster : par nœud et par namespace, allouable, demandes, limites, consommation, quotas, fragmentation, plus gros consommateurs',
    },
    request: ReportRequest,
    result: CapacityReport,
    effect: 'read',
    progress: true,
    path: '/capacity/report',
  }),
  'capacity.simulate': defineUseCase({
    id: 'capacity.simulate',
    summary: {
      en: 'Simulate scheduling: the cluster plus new apps, minus removed or drained nodes, plus added nodes; what fits, what stays pending and why, how many nodes to add',
      fr: "Simuler l'ordonnancement : le cluster plus de nouvelles applications, moins des nœuds retirés ou drainés, plus des nœuds ajoutés ; ce qui tient, ce qui reste en attente et pourquoi, combien de nœuds ajouter",
    },
    request: SimulateRequest,
    result: SimulationResult,
    effect: 'read',
    progress: true,
    path: '/capacity/simulate',
  }),
  'capacity.size': defineUseCase({
    id: 'capacity.size',
    summary: {
      en: 'Size nodes from a VM inventory: node counts per size, with headroom for a node failure and for upgrades',
      fr: "Dimensionner les nœuds d'après un inventaire de VM : nombre de nœuds par taille, avec de la marge pour une panne de nœud et pour les mises à jour",
    },
    request: SizeRequest,
    result: SizeResult,
    effect: 'read',
    progress: false,
    path: '/capacity/size',
  }),
  'capacity.rightsize': defineUseCase({
    id: 'capacity.rightsize',
    summary: {
      en: 'Recommend requests and limits per container from usage history (VPA or KRR rules), as a new app spec and a patch to review',
      fr: "Recommander demandes et limites par conteneur d'après l'historique de consommation (règles de VPA ou de KRR), sous forme d'une nouvelle spécification et d'un correctif à relire",
    },
    request: RightsizeRequest,
    result: RightsizeResult,
    effect: 'read',
    progress: true,
    path: '/capacity/rightsize',
  }),
  'capacity.scale': defineUseCase({
    id: 'capacity.scale',
    summary: {
      en: "Set a component's number of replicas (recorded in the audit trail)",
      fr: "Fixer le nombre de réplicas d'un composant (enregistré dans le journal d'audit)",
    },
    request: ScaleRequest,
    result: ScaleResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/capacity/scale',
  }),
} as const;
