/**
 * Every kind of Kubernetes object the state holds, as one union: the core and apps kinds
 * (objects.ts) and the network kinds (network.ts), which build on objects.ts's metadata.
 */
import type { EndpointSlice, NetworkPolicy, Service } from './network';
import type { Deployment, KubeEvent, Namespace, Node, Pod, ReplicaSet } from './objects';

export type KubeObject =
  Pod | Node | ReplicaSet | Deployment | Namespace | KubeEvent | Service | EndpointSlice | NetworkPolicy;
export type Kind = KubeObject['kind'];
