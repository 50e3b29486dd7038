/**
 * The default profile: the in-tree plugins Flotilla implements, in kube-scheduler's order and with
 * its score weights (K pkg/scheduler/apis/config/v1/default_plugins.go). Not yet modelled: NodePorts,
 * the volume plugins, PodTopologySpread, InterPodAffinity, ImageLocality and DefaultPreemption.
 */
import { DEFAULT_SCHEDULER_NAME, type Profile } from './framework';
import { makeDefaultPreemption } from './plugins/defaultPreemption';
import {
  nodeAffinityFilter,
  nodeAffinityScore,
  nodeName,
  nodeResourcesBalancedAllocation,
  nodeResourcesFitFilter,
  nodeResourcesFitScore,
  nodeUnschedulable,
  taintTolerationFilter,
  taintTolerationScore,
} from './plugins';

const filters = [
  nodeUnschedulable,
  nodeName,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodeResourcesFitFilter,
];

export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  filters,
  scorers: [taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore, nodeResourcesBalancedAllocation],
  postFilter: makeDefaultPreemption(filters),
};
