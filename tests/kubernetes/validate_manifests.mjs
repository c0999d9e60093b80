// Validates the manifests of a folder (etc/kubernetes) against the Kubernetes schemas
// (kubernetes-models) and the Prometheus Operator's (ServiceMonitor), then checks what no schema
// can: the objects point at each other and the DaemonSet keeps the properties the README promises.
// The DaemonSet variants in DIR/owners (each replaces the DaemonSet when applied) get the same
// checks, must stay selectable by the Service, and must mount what their flags read, read-only.
// Before trusting a pass it breaks copies of the manifests and requires every copy to be refused.
//
// usage: node validate_manifests.mjs DIR        exit 0: valid; 1: problems listed on stderr
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { Namespace, Service } from "kubernetes-models/v1";
import { DaemonSet } from "kubernetes-models/apps/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const models = {
  "v1/Namespace": Namespace,
  "v1/Service": Service,
  "apps/v1/DaemonSet": DaemonSet,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

function loadFolder(dir) {
  const objects = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      const object = doc.toJS();
      if (object) objects.push({ file, object });
    }
  }
  return objects;
}

function schemaProblems({ file, object }) {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [`${file}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return [`${file}: ${object.kind} ${object.metadata?.name}: ${e.message}`];
  }
}

const only = (objects, kind) => objects.filter((o) => o.object.kind === kind).map((o) => o.object);
const within = (subset = {}, labels = {}) =>
  Object.entries(subset).every(([k, v]) => labels[k] === v);

function daemonSetProblems(ds) {
  const problems = [];
  const pod = ds.spec.template.spec;
  const c = pod.containers[0];
  const probe = (p) => p?.httpGet?.path;
  if (pod.hostPID) problems.push("DaemonSet: hostPID must stay off");
  if (probe(c.livenessProbe) !== "/-/healthy") problems.push("DaemonSet: liveness probe is not /-/healthy");
  if (probe(c.readinessProbe) !== "/-/ready") problems.push("DaemonSet: readiness probe is not /-/ready");
  if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory)
    problems.push("DaemonSet: cpu and memory requests are missing");
  if (pod.runtimeClassName !== "nvidia" && !c.resources?.limits?.["nvidia.com/gpu"])
    problems.push("DaemonSet: neither the nvidia runtime class nor an nvidia.com/gpu resource");
  if (!within(ds.spec.selector.matchLabels, ds.spec.template.metadata.labels))
    problems.push("DaemonSet: its selector does not match its pods");
  return problems;
}

// The default DaemonSet's own checks and those of its flags (hostFlagProblems, below).
const defaultDaemonSetProblems = (ds) => [...daemonSetProblems(ds), ...hostFlagProblems(ds, "DaemonSet")];

function wiringProblems(objects) {
  const problems = [];
  const [ds] = only(objects, "DaemonSet");
  const [svc] = only(objects, "Service");
  const [sm] = only(objects, "ServiceMonitor");
  if (!ds || !svc || !sm) return ["expected a DaemonSet, a Service and a ServiceMonitor"];
  problems.push(...defaultDaemonSetProblems(ds));
  const namespaces = only(objects, "Namespace").map((n) => n.metadata.name);
  for (const o of [ds, svc, sm])
    if (!namespaces.includes(o.metadata.namespace))
      problems.push(`${o.kind}: namespace ${o.metadata.namespace} is not declared`);
  const pod = ds.spec.template;
  const containerPorts = pod.spec.containers.flatMap((c) => c.ports ?? []).map((p) => p.name);
  if (!within(svc.spec.selector, pod.metadata.labels))
    problems.push("Service: its selector matches no smistat pod");
  for (const p of svc.spec.ports)
    if (typeof p.targetPort === "string" && !containerPorts.includes(p.targetPort))
      problems.push(`Service: targetPort ${p.targetPort} is no container port`);
  if (!within(sm.spec.selector.matchLabels, svc.metadata.labels))
    problems.push("ServiceMonitor: its selector matches no Service");
  if (!(sm.spec.namespaceSelector?.matchNames ?? [sm.metadata.namespace]).includes(svc.metadata.namespace))
    problems.push("ServiceMonitor: it does not look in the Service's namespace");
  for (const e of sm.spec.endpoints)
    if (!svc.spec.ports.some((p) => p.name === e.port))
      problems.push(`ServiceMonitor: endpoint port ${e.port} is no Service port`);
  if (!sm.spec.endpoints.some((e) => e.path === "/metrics"))
    problems.push("ServiceMonitor: nothing scrapes /metrics");
  if (!sm.spec.endpoints.every((e) => e.honorLabels === true))
    problems.push("ServiceMonitor: without honorLabels the GPU holders' pod labels become exported_pod");
  return problems;
}

// A manifest the schema refuses may lack what the wiring checks read: that is a problem too.
function safeWiringProblems(objects) {
  try {
    return wiringProblems(objects);
  } catch (e) {
    return [`cannot check the wiring: ${e.message}`];
  }
}

const problemsOf = (objects, variants = []) => [
  ...objects.flatMap(schemaProblems),
  ...safeWiringProblems(objects),
  ...safeVariantProblems(variants, objects),
];

// What a variant's flags read must be mounted from the host, read-only, where the flag says.
const POD_RESOURCES = "/var/lib/kubelet/pod-resources";
function argValue(args, flag) {
  const a = args.find((x) => x === flag || x.startsWith(flag + "="));
  return a === undefined ? undefined : a.slice(flag.length + 1);
}
function hostMountProblems(ds, hostPath, mountPath, what) {
  const pod = ds.spec.template.spec;
  const mount = (pod.containers[0].volumeMounts ?? []).find((m) => m.mountPath === mountPath);
  const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
  if (!volume || volume.hostPath?.path !== hostPath)
    return [`${what}: nothing mounts the host's ${hostPath} at ${mountPath}`];
  return mount.readOnly === true ? [] : [`${what}: the mount of ${hostPath} is not read-only`];
}

// What the flags of a DaemonSet (the default or a variant) read must be mounted from the host.
function hostFlagProblems(ds, what) {
  const problems = [];
  const args = ds.spec.template.spec.containers[0].args ?? [];
  const socket = argValue(args, "--kubernetes.pod-resources-socket");
  const procfs = argValue(args, "--path.procfs");
  if (args.includes("--kubernetes")) {
    if (socket !== undefined && !socket.startsWith(POD_RESOURCES + "/"))
      problems.push(`${what}: the socket ${socket} is outside the mounted ${POD_RESOURCES}`);
    problems.push(...hostMountProblems(ds, POD_RESOURCES, POD_RESOURCES, what));
  }
  if (procfs !== undefined) problems.push(...hostMountProblems(ds, "/proc", procfs, what));
  return problems;
}

function variantProblems({ file, object: ds }, base) {
  const what = `owners/${file}`;
  if (ds.kind !== "DaemonSet") return [`${what}: a ${ds.kind}, not a DaemonSet`];
  const problems = daemonSetProblems(ds).map((p) => `${what}: ${p}`);
  // The same object, so applying it replaces the DaemonSet and the Service still selects it.
  if (ds.metadata.name !== base.metadata.name || ds.metadata.namespace !== base.metadata.namespace)
    problems.push(`${what}: not the DaemonSet ${base.metadata.namespace}/${base.metadata.name}`);
  if (JSON.stringify(ds.spec.template.metadata.labels) !== JSON.stringify(base.spec.template.metadata.labels))
    problems.push(`${what}: its pods are labelled unlike the DaemonSet's`);
  problems.push(...hostFlagProblems(ds, what));
  const args = ds.spec.template.spec.containers[0].args ?? [];
  const procfs = argValue(args, "--path.procfs");
  // A variant without either flag exists for what it gives up: root and host volumes.
  const pod = ds.spec.template.spec;
  const unprivileged = pod.securityContext?.runAsNonRoot === true && !(pod.volumes ?? []).some((v) => v.hostPath);
  if (!args.includes("--kubernetes") && procfs === undefined && !unprivileged)
    problems.push(`${what}: neither --kubernetes nor --path.procfs, nor unprivileged: no reason to exist`);
  return problems;
}

function safeVariantProblems(variants, objects) {
  try {
    const [base] = only(objects, "DaemonSet");
    return variants.flatMap((v) => [...schemaProblems(v), ...variantProblems(v, base)]);
  } catch (e) {
    return [`cannot check the variants: ${e.message}`];
  }
}

// Each breaks one thing in a copy; the validator must refuse every one of them.
const breakages = {
  "a port as text": (o) => (find(o, "DaemonSet").spec.template.spec.containers[0].ports[0].containerPort = "http"),
  "a DaemonSet without a selector": (o) => delete find(o, "DaemonSet").spec.selector,
  "an image name that is a number": (o) => (find(o, "DaemonSet").spec.template.spec.containers[0].image = 42),
  "a scrape interval that is no duration": (o) => (find(o, "ServiceMonitor").spec.endpoints[0].interval = "often"),
  "a misspelt kind": (o) => (find(o, "Service").kind = "Servce"),
  "host PID on": (o) => (find(o, "DaemonSet").spec.template.spec.hostPID = true),
  "a Service selecting nothing": (o) => (find(o, "Service").spec.selector = { app: "other" }),
  "a ServiceMonitor on a missing port": (o) => (find(o, "ServiceMonitor").spec.endpoints[0].port = "metrics"),
  "a ServiceMonitor without honorLabels": (o) => delete find(o, "ServiceMonitor").spec.endpoints[0].honorLabels,
  "a writable pod-resources mount": (o) =>
    (podOf(o).containers[0].volumeMounts.find((m) => m.name === "pod-resources").readOnly = false),
  "the pod-resources volume from another host path": (o) =>
    (podOf(o).volumes.find((v) => v.name === "pod-resources").hostPath.path = "/var/lib/kubelet"),
  "a socket outside the mount": (o) => {
    const args = podOf(o).containers[0].args;
    const at = args.findIndex((a) => a.startsWith("--kubernetes.pod-resources-socket="));
    args[at] = "--kubernetes.pod-resources-socket=/run/kubelet.sock";
  },
  "no pod-resources mount": (o) => (podOf(o).containers[0].volumeMounts = []),
};
// The same for the variants: each breaks the first variant that has what it breaks.
const variantBreakages = {
  "no host /proc mount": (v) => (containerOf(v, "--path.procfs").volumeMounts = []),
  "a writable host /proc": (v) => (mountOf(v, "--path.procfs", "host-proc").readOnly = false),
  "a variant with host PID": (v) => (v[0].object.spec.template.spec.hostPID = true),
  "a variant of another name": (v) => (v[0].object.metadata.name = "smistat-owners"),
  "a variant without either flag": (v) =>
    (containerOf(v, "--path.procfs").args = ["--port=8000"]),
  "an unprivileged variant running as root": (v) =>
    (v.find((o) => o.file === "daemonset-unprivileged.yaml").object.spec.template.spec.securityContext.runAsNonRoot = false),
};
function find(objects, kind) {
  return objects.find((o) => o.object.kind === kind).object;
}
const podOf = (objects) => find(objects, "DaemonSet").spec.template.spec;
function containerOf(variants, flag) {
  const has = (c) => (c.args ?? []).some((a) => a === flag || a.startsWith(flag + "="));
  const v = variants.find((o) => has(o.object.spec.template.spec.containers[0]));
  return v.object.spec.template.spec.containers[0];
}
const mountOf = (variants, flag, name) =>
  containerOf(variants, flag).volumeMounts.find((m) => m.name === name);

const dir = process.argv[2];
const objects = loadFolder(dir);
const variants = existsSync(join(dir, "owners")) ? loadFolder(join(dir, "owners")) : [];
const problems = problemsOf(objects, variants);
for (const [name, breakIt] of Object.entries(breakages)) {
  const copy = structuredClone(objects);
  breakIt(copy);
  if (problemsOf(copy, variants).length === 0) problems.push(`the check passed a broken copy: ${name}`);
}
for (const [name, breakIt] of Object.entries(variantBreakages)) {
  const copy = structuredClone(variants);
  try {
    breakIt(copy);
  } catch (e) {
    problems.push(`the variants lack what "${name}" breaks: ${e.message}`);
    continue;
  }
  if (problemsOf(objects, copy).length === 0) problems.push(`the check passed a broken variant: ${name}`);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${objects.length} manifests in ${dir} and ${variants.length} variants are valid: ` +
  [...objects, ...variants.map((v) => ({ object: v.object, file: "owners/" + v.file }))]
    .map((o) => `${o.object.kind}/${o.object.metadata.name}${o.file.startsWith("owners/") ? ` (${o.file})` : ""}`)
    .join(", "));
