export { accepts, advance } from './machines';
export { containerMachine, TERMINATED_STATES } from './containerMachine';
export { podMachine } from './podMachine';
export { nodeMachine } from './nodeMachine';
