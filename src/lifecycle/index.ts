export { accepts, advance } from './machines';
export {
  containerMachine,
  type ContainerEvent,
  type ContainerMachineState,
  TERMINATED_STATES,
} from './containerMachine';
export { podMachine, type PodPhaseEvent } from './podMachine';
export { nodeMachine, type NodeEvent } from './nodeMachine';
