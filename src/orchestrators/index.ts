export {
  bootCluster,
  KUBERNETES_CONTROLLERS,
  KUBERNETES_VERSION,
  makeNode,
  type NodeSpecInput,
} from './kubernetes';
