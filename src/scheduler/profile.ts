/**
 * The default profile: every in-tree plugin Flotilla implements, in kube-scheduler's order and with
 * its score weights (K pkg/scheduler/apis/config/v1/default_plugins.go): filters NodeUnschedulable,
 * NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
 * InterPodAffinity; scores TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1 (LeastAllocated),
 * PodTopologySpread 2, InterPodAffinity 2, NodeResourcesBalancedAllocation 1, ImageLocality 1;
 * PostFilter DefaultPreemption. Not modelled: the volume plugins (Flotilla has no volumes).
 */
import { defaultProfile } from './config/profileFromConfig';
import type { Profile } from './framework';

export const DEFAULT_PROFILE: Profile = defaultProfile();
