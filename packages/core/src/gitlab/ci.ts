/**
 * `.gitlab-ci.yml` generation: the pipeline of an application repository (build the image
 * rootless, scan it, render and audit, plan on merge requests, apply per environment, roll back)
 * and of the platform repository (the same without the build, over every app). Every job runs a
 * `quai` command of the image given (`quai` on the PATH, no ENTRYPOINT), so what a pipeline does is
 * what the same command does on a laptop.
 */
import { stringify } from 'yaml';
import { t, msg, type Lang } from '@quai/contracts';

type Severity = 'low' | 'medium' | 'high' | 'critical';

interface CiEnvironment {
  readonly name: string;
  readonly tier: 'production' | 'staging' | 'testing' | 'development' | 'other';
  readonly automatic: boolean;
}

export interface CiOptions {
  readonly kind: 'app' | 'platform';
  readonly apps: readonly string[];
  readonly platform?: string;
  readonly environments: readonly CiEnvironment[];
  /** App repository: the component whose image is built and pinned. */
  readonly component?: string;
  readonly builder: 'buildah' | 'buildkit';
  readonly dockerfile: string;
  readonly buildContext: string;
  readonly quaiImage: string;
  readonly scanThreshold: Severity;
  readonly auditThreshold: Severity;
  /** Accepted scan risks; without it, `quai scan` reads ./.quai-scan-ignore.yaml when it exists. */
  readonly scanIgnoreFile?: string;
  readonly auditExceptions?: string;
  readonly agent?: string;
  readonly schedules: readonly ('backup' | 'drill' | 'scan')[];
  readonly runnerTags: readonly string[];
  /** The apps' names when known (read from their specs): the scheduled backup's default. */
  readonly appNames: readonly string[];
  readonly lang: Lang;
}

export const DEFAULT_ENVIRONMENTS: readonly CiEnvironment[] = [
  { name: 'dev', tier: 'development', automatic: true },
  { name: 'prod', tier: 'production', automatic: false },
];

/** Images of the build tools, pinned by version: both build without root and without privileges. */
const BUILDER_IMAGES = {
  buildah: 'quay.io/buildah/stable:v1.42',
  buildkit: 'moby/buildkit:v0.26.2-rootless',
} as const;

type Job = Record<string, unknown>;
type Rule = Record<string, unknown>;

const ON_SCHEDULE_NEVER: Rule = { if: '$CI_PIPELINE_SOURCE == "schedule"', when: 'never' };
const ON_MR: Rule = { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' };
// Merge request pipelines never deploy, even where a runner sets the branch variable too.
const ON_DEFAULT_BRANCH: Rule = {
  if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "merge_request_event"',
};

/** The exit code of a `changes` or `findings` outcome (a plan with changes is not a failure). */
const EXIT_FINDINGS = 1;

function q(value: string): string {
  return `"${value.replace(/(["\\`])/g, '\\$1')}"`;
}

/** The pipeline, as a YAML document with a header comment. */
export function generatePipeline(o: CiOptions): { yaml: string; jobs: string[] } {
  const lang = o.lang;
  const jobs = new Map<string, Job>();
  const stages: string[] = [];
  const appArgs = o.apps.join(' ');
  const platformArg = o.platform === undefined ? '' : ` --platform ${o.platform}`;
  const contextArg = o.agent === undefined ? '' : ' --context "$QUAI_KUBE_CONTEXT"';
  const pin = o.kind === 'app';

  const variables: Record<string, string> = {
    QUAI_IMAGE: o.quaiImage,
    QUAI_SCAN_THRESHOLD: o.scanThreshold,
    QUAI_AUDIT_THRESHOLD: o.auditThreshold,
    QUAI_CACHE_DIR: '$CI_PROJECT_DIR/.quai-cache',
  };
  if (o.agent !== undefined) variables['QUAI_KUBE_CONTEXT'] = o.agent;
  if (o.schedules.includes('backup')) variables['QUAI_BACKUP_APPS'] = o.appNames.join(' ');
  if (pin) variables['IMAGE'] = '$CI_REGISTRY_IMAGE';

  // The app spec names the image the build job pushed, by digest (from its dotenv report).
  const pinLines = pin
    ? o.apps.map(
        (a) =>
          `quai gitlab pin-image ${a}${o.component === undefined ? '' : ` --component ${o.component}`} --image "$IMAGE@$IMAGE_DIGEST"`,
      )
    : [];
  const pinNeeds = pin ? [{ job: 'build', artifacts: true }] : [];

  if (pin) {
    stages.push('build');
    jobs.set('build', buildJob(o));
    stages.push('scan');
    jobs.set('scan', {
      stage: 'scan',
      needs: [{ job: 'build', artifacts: true }],
      variables: {
        QUAI_REGISTRY_USERNAME: '$CI_REGISTRY_USER',
        QUAI_REGISTRY_PASSWORD: '$CI_REGISTRY_PASSWORD',
      },
      cache: { key: 'quai-vulndb', paths: ['.quai-cache/vulndb'] },
      script: [
        'quai vulndb status',
        [
          'quai scan image "$IMAGE@$IMAGE_DIGEST"',
          ...(o.scanIgnoreFile === undefined ? [] : [`--ignore-file ${o.scanIgnoreFile}`]),
          '--severity-threshold "$QUAI_SCAN_THRESHOLD"',
          '--report gitlab=gl-container-scanning-report.json',
          '--report cyclonedx=gl-sbom-container.cdx.json',
        ].join(' '),
      ],
      artifacts: {
        when: 'always',
        reports: {
          container_scanning: 'gl-container-scanning-report.json',
          cyclonedx: 'gl-sbom-container.cdx.json',
        },
      },
      rules: [ON_SCHEDULE_NEVER, { when: 'on_success' }],
    });
  }

  stages.push('check');
  const last = o.environments[o.environments.length - 1] ?? DEFAULT_ENVIRONMENTS[1]!;
  jobs.set('render', {
    stage: 'check',
    needs: pinNeeds,
    script: [
      ...pinLines,
      ...o.environments.map(
        (e) => `quai render ${appArgs}${platformArg} --env ${e.name} --out rendered/${e.name}`,
      ),
    ],
    artifacts: { paths: ['rendered/'], exclude: ['rendered/*-secrets/**'], expire_in: '1 week' },
    rules: [ON_SCHEDULE_NEVER, { when: 'on_success' }],
  });
  jobs.set('audit', {
    stage: 'check',
    needs: [{ job: 'render', artifacts: true }],
    script: [
      [
        `quai audit rendered/${last.name}`,
        ...(o.auditExceptions === undefined ? [] : [`--exceptions ${o.auditExceptions}`]),
        '--severity-threshold "$QUAI_AUDIT_THRESHOLD"',
        '--report sarif=gl-sast-quai.sarif',
        '--report gitlab-codequality=gl-code-quality-report.json',
        '--report junit=quai-junit.xml',
      ].join(' '),
    ],
    artifacts: {
      when: 'always',
      reports: { codequality: 'gl-code-quality-report.json', junit: 'quai-junit.xml' },
      paths: ['gl-sast-quai.sarif'],
    },
    rules: [ON_SCHEDULE_NEVER, { when: 'on_success' }],
  });

  stages.push('plan');
  for (const env of o.environments) {
    const file = `plan-${env.name}.txt`;
    jobs.set(`plan:${env.name}`, {
      stage: 'plan',
      needs: pinNeeds,
      environment: environment(o, env, 'prepare'),
      script: [
        ...pinLines,
        `quai plan ${appArgs}${platformArg} --env ${env.name}${contextArg} > ${file} || test $? -eq ${EXIT_FINDINGS}`,
        `cat ${file}`,
      ],
      artifacts: { when: 'always', expose_as: `plan ${env.name}`, paths: [file] },
      rules: [ON_MR],
    });
  }

  stages.push('deploy');
  for (const [i, env] of o.environments.entries()) {
    const deploy = `deploy:${env.name}`;
    // Promotion: an environment deploys once the one before it has.
    const previous = i > 0 ? [{ job: `deploy:${o.environments[i - 1]!.name}`, artifacts: false }] : [];
    const job: Job = {
      stage: 'deploy',
      needs: [...pinNeeds, { job: 'audit', artifacts: false }, ...previous],
      environment: environment(o, env, 'start'),
      resource_group: `deploy-${env.name}`,
      script: [
        ...pinLines,
        `quai apply ${appArgs}${platformArg} --env ${env.name}${contextArg} --message "$CI_COMMIT_SHA $CI_COMMIT_TITLE" --reason "pipeline $CI_PIPELINE_URL by $GITLAB_USER_LOGIN"`,
      ],
      rules: [
        ON_SCHEDULE_NEVER,
        env.automatic
          ? { ...ON_DEFAULT_BRANCH, when: 'on_success' }
          : { ...ON_DEFAULT_BRANCH, when: 'manual', allow_failure: false },
      ],
    };
    jobs.set(deploy, job);
  }
  for (const env of o.environments) {
    const target = o.kind === 'app' && o.apps.length === 1 ? o.apps[0]! : '"$QUAI_ROLLBACK_APP"';
    jobs.set(`rollback:${env.name}`, {
      stage: 'deploy',
      needs: [],
      environment: environment(o, env, 'access'),
      resource_group: `deploy-${env.name}`,
      script: [
        ...(target.startsWith('"')
          ? [
              `test -n "$QUAI_ROLLBACK_APP" || { echo ${q(t(lang, msg('gitlab.ci.rollbackAppMissing')))} >&2; exit 2; }`,
            ]
          : []),
        `quai rollback ${target}${platformArg} --env ${env.name}${contextArg} --reason "rollback from pipeline $CI_PIPELINE_URL by $GITLAB_USER_LOGIN"`,
      ],
      rules: [ON_SCHEDULE_NEVER, { ...ON_DEFAULT_BRANCH, when: 'manual', allow_failure: true }],
    });
  }

  if (o.schedules.length > 0) {
    stages.push('scheduled');
    const prod = last.name;
    const scheduled = (what: string): Rule[] => [
      { if: `$CI_PIPELINE_SOURCE == "schedule" && $QUAI_SCHEDULE == "${what}"` },
    ];
    const env = { name: prod, action: 'access' };
    if (o.schedules.includes('backup'))
      jobs.set('backup', {
        stage: 'scheduled',
        needs: [],
        environment: env,
        script: [
          `test -n "$QUAI_BACKUP_APPS" || { echo ${q(t(lang, msg('gitlab.ci.backupAppsMissing')))} >&2; exit 2; }`,
          `for app in $QUAI_BACKUP_APPS; do quai backup create --app "$app"${contextArg}; done`,
        ],
        rules: scheduled('backup'),
      });
    if (o.schedules.includes('drill'))
      jobs.set('drill', {
        stage: 'scheduled',
        needs: [],
        environment: env,
        script: [`quai backup drill${contextArg} --report drill.json`],
        artifacts: { when: 'always', paths: ['drill.json'] },
        rules: scheduled('drill'),
      });
    if (o.schedules.includes('scan'))
      jobs.set('scan:cluster', {
        stage: 'scheduled',
        needs: [],
        environment: env,
        cache: { key: 'quai-vulndb', paths: ['.quai-cache/vulndb'] },
        script: [
          `quai scan cluster${contextArg} --severity-threshold "$QUAI_SCAN_THRESHOLD" --report gitlab=gl-container-scanning-report.json`,
        ],
        artifacts: { when: 'always', reports: { container_scanning: 'gl-container-scanning-report.json' } },
        rules: scheduled('scan'),
      });
  }

  const doc: Record<string, unknown> = {
    workflow: {
      rules: [
        ON_MR,
        {
          if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == "push"',
          when: 'never',
        },
        { if: '$CI_COMMIT_BRANCH' },
      ],
    },
    stages,
    variables,
    default: {
      image: { name: '$QUAI_IMAGE', entrypoint: [''] },
      interruptible: true,
      ...(o.runnerTags.length > 0 ? { tags: [...o.runnerTags] } : {}),
    },
  };
  for (const [name, job] of jobs) {
    // Deploys and rollbacks must finish once started: a newer pipeline does not cancel them.
    doc[name] =
      name.startsWith('deploy:') || name.startsWith('rollback:') ? { ...job, interruptible: false } : job;
  }
  const header = [
    `# ${t(lang, msg('gitlab.ci.header'))}`,
    `# ${t(lang, msg('gitlab.ci.headerKind', { kind: o.kind }))}`,
    `# ${t(lang, o.agent === undefined ? msg('gitlab.ci.headerKubeconfig') : msg('gitlab.ci.headerAgent', { agent: o.agent }))}`,
    `# ${t(lang, msg('gitlab.ci.headerProtect', { env: last.name }))}`,
  ].join('\n');
  return {
    yaml: `${header}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`,
    jobs: [...jobs.keys()],
  };
}

function environment(o: CiOptions, env: CiEnvironment, action: 'start' | 'prepare' | 'access'): Job {
  return {
    name: env.name,
    deployment_tier: env.tier,
    ...(action === 'start' ? {} : { action }),
    ...(o.agent === undefined ? {} : { kubernetes: { agent: o.agent } }),
  };
}

/** The rootless build: tag by commit SHA, push with the job's registry credentials, keep the digest. */
function buildJob(o: CiOptions): Job {
  const tag = '"$IMAGE:$CI_COMMIT_SHA"';
  const common = {
    stage: 'build',
    needs: [],
    artifacts: { reports: { dotenv: 'build.env' } },
    rules: [ON_SCHEDULE_NEVER, { when: 'on_success' }],
  };
  if (o.builder === 'buildah')
    return {
      ...common,
      image: { name: BUILDER_IMAGES.buildah, entrypoint: [''] },
      // Rootless: no privileged container, the vfs driver and chroot isolation need no user namespace tricks.
      variables: { STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', BUILDAH_FORMAT: 'oci' },
      script: [
        'echo "$CI_REGISTRY_PASSWORD" | buildah login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"',
        `buildah build --file ${o.dockerfile} --tag ${tag} --label org.opencontainers.image.revision="$CI_COMMIT_SHA" --label org.opencontainers.image.source="$CI_PROJECT_URL" ${o.buildContext}`,
        `buildah push --digestfile image.digest ${tag}`,
        'echo "IMAGE_DIGEST=$(cat image.digest)" > build.env',
        'cat build.env',
      ],
    };
  return {
    ...common,
    image: { name: BUILDER_IMAGES.buildkit, entrypoint: [''] },
    // Rootless BuildKit without privileges: no process sandbox inside the job's container.
    variables: { BUILDKITD_FLAGS: '--oci-worker-no-process-sandbox' },
    script: [
      'mkdir -p ~/.docker',
      'printf \'{"auths":{"%s":{"auth":"%s"}}}\' "$CI_REGISTRY" "$(printf \'%s:%s\' "$CI_REGISTRY_USER" "$CI_REGISTRY_PASSWORD" | base64 | tr -d \'\\n\')" > ~/.docker/config.json',
      [
        'buildctl-daemonless.sh build --frontend dockerfile.v0',
        `--local context=${o.buildContext} --local dockerfile=${o.dockerfile.includes('/') ? o.dockerfile.slice(0, o.dockerfile.lastIndexOf('/')) : '.'}`,
        `--opt filename=${o.dockerfile.slice(o.dockerfile.lastIndexOf('/') + 1)}`,
        `--opt label:org.opencontainers.image.revision="$CI_COMMIT_SHA"`,
        `--output type=image,name=${tag.slice(1, -1)},push=true --metadata-file metadata.json`,
      ].join(' '),
      'echo "IMAGE_DIGEST=$(sed -n \'s/.*"containerimage.digest": *"\\([^"]*\\)".*/\\1/p\' metadata.json)" > build.env',
      'cat build.env',
      'grep -q "^IMAGE_DIGEST=sha256:" build.env',
    ],
  };
}
