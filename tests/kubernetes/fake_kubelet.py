#!/usr/bin/python3
"""A fake kubelet: serves PodResourcesLister/List on a unix socket with a chosen answer.

usage: fake_kubelet.py SOCKET SCENARIO

Runs with Debian's python3-grpcio. The answer is encoded here by hand from the upstream field
numbers (k8s.io/kubelet/pkg/apis/podresources/v1) rather than with code generated from the
repository's own api.proto, so a field number wrong there shows as a wrong answer in the tests.
"""

import os
import sys
import threading
import time
from concurrent import futures

import grpc

UUID = "GPU-00000000-0000-0000-0000-00000000000{}"


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, payload):
    """A length-delimited field (wire type 2): strings and nested messages."""
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def container_devices(resource, ids):
    # ContainerDevices: resource_name = 1, device_ids = 2, topology = 3 (TopologyInfo: nodes = 1,
    # NUMANode: ID = 1 as varint); the topology is sent as the kubelet sends it, and ignored.
    numa = varint(1 << 3 | 0) + varint(0)
    topology = field(1, numa)
    return field(1, resource) + b"".join(field(2, i) for i in ids) + field(3, topology)


def container(name, devices):
    # ContainerResources: name = 1, devices = 2, cpu_ids = 3 (packed varints; sent, ignored).
    cpu_ids = field(3, varint(4) + varint(5))
    return field(1, name) + b"".join(field(2, d) for d in devices) + cpu_ids


def pod(namespace, name, containers):
    # PodResources: name = 1, namespace = 2, containers = 3.
    return field(1, name) + field(2, namespace) + b"".join(field(3, c) for c in containers)


def response(pods):
    # ListPodResourcesResponse: pod_resources = 1.
    return b"".join(field(1, p) for p in pods)


def gpu_pod(namespace, name, container_name, ids, resource="nvidia.com/gpu"):
    return pod(namespace, name, [container(container_name, [container_devices(resource, ids)])])


POD_WITHOUT_GPU = pod("default", "web-0", [container("nginx", [])])
OTHER_RESOURCE = pod("net", "sriov-0", [container("app", [
    container_devices("intel.com/sriov", ["0000:3b:02.0"])])])

SCENARIOS = {
    # GPU 0 and 1 to one container, GPU 3 to another; GPU 2 free; a pod without any device.
    "uuid": [gpu_pod("ml", "train-0", "trainer", [UUID.format(0), UUID.format(1)]),
             gpu_pod("ml", "infer-0", "server", [UUID.format(3)]), POD_WITHOUT_GPU],
    "minor": [gpu_pod("ml", "train-0", "trainer", ["nvidia0", "nvidia2"]), POD_WITHOUT_GPU],
    # MIG devices of the one H100 of the MIG recording, in two pods (mixed strategy names).
    "mig": [gpu_pod("ml", "small-0", "worker", ["MIG-00000002-0000-0000-0000-000000000002"],
                    "nvidia.com/mig-1g.10gb"),
            gpu_pod("ai", "big-0", "worker", ["MIG-00000000-0000-0000-0000-000000000000"],
                    "nvidia.com/mig-3g.40gb")],
    # Time slicing: replicas of GPU 1 in two pods, listed in reverse order of their names.
    "replicas": [gpu_pod("team-b", "job-b", "main", [UUID.format(1) + "::3"]),
                 gpu_pod("team-a", "job-a", "main", [UUID.format(1) + "::0"])],
    "no_gpu": [POD_WITHOUT_GPU, OTHER_RESOURCE],
    "empty": [],
    "unknown_ids": [gpu_pod("ml", "train-0", "trainer", ["gpu-slot-7"])],
    # Every GPU of the 8-GPU recording in a pod of its own, beside a pod without any (the
    # kubelet call's cost in bench/kubernetes/run.sh).
    "eight": [gpu_pod("ml", "train-{}".format(n), "trainer", [UUID.format(n)]) for n in range(8)]
    + [POD_WITHOUT_GPU],
}


def main():
    socket_path, scenario = sys.argv[1], sys.argv[2]
    stop = threading.Event()

    def list_pods(request, context):
        if scenario == "hang":
            stop.wait()  # never answers: the client's deadline must hold
            return b""
        if scenario == "garbage":
            return b"\xff\xff\xff\xff garbage, not a protobuf message"
        return response(SCENARIOS[scenario])

    identity = lambda b: b  # the messages are bytes already
    handler = grpc.method_handlers_generic_handler("v1.PodResourcesLister", {
        "List": grpc.unary_unary_rpc_method_handler(
            list_pods, request_deserializer=identity, response_serializer=identity)})
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((handler,))
    if os.path.exists(socket_path):
        os.unlink(socket_path)
    server.add_insecure_port("unix:" + socket_path)
    server.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop(0)


if __name__ == "__main__":
    main()
