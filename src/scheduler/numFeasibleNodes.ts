/**
 * How many feasible nodes a cycle looks for before it stops filtering (K pkg/scheduler/
 * schedule_one.go numFeasibleNodesToFind): every node below 100 nodes; otherwise
 * percentageOfNodesToScore of them (adaptive when 0: 50 - nodes/125, at least 5), at least 100.
 * With 5,000 nodes the adaptive share is 10%, so 500 feasible nodes end the search.
 */

/** K minFeasibleNodesToFind. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;

/** K minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** The number of feasible nodes to find among `numAllNodes` (integer division as in Go). */
export function numFeasibleNodesToFind(
  percentageOfNodesToScore: number | undefined,
  numAllNodes: number,
): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}
