export const USAGE = `flotilla: a container-orchestration simulator for teaching

Usage:
  flotilla run FILE [--seed N] [--until T] [--json]
      Run a scenario: narration, a kubectl-style event stream, then each expectation's result.
      Exit 0 when every expectation passed, 1 when one failed, 2 on invalid input.
  flotilla check FILE
      Validate a scenario file without running it.
  flotilla get pods|nodes|deployments|replicasets|events|services|endpointslices FILE [--at T] [-o wide|json|yaml] [-n NS | -A]
      What kubectl get would print at simulated time T (default: the end of the run).
  flotilla describe pod|node NAME FILE [--at T] [-n NS]
      What kubectl describe would print at time T.
  flotilla explain FILE --pod NAME [--at T] [--all-nodes] [--json] [-n NS]
      Why the scheduler placed a pod (NAME or its workload's name) where it did: each node's filter
      verdicts, each plugin's score, the weighted totals. --all-nodes also scores the nodes that
      failed a filter; --json prints the decision record.
  flotilla netpol FILE [--at T] [--port P] [--protocol TCP|UDP|SCTP] [--json]
      The pod-to-pod reachability NetworkPolicy allows at time T (rows: from, columns: to).
  flotilla export FILE [--at T] [-o yaml|json] [--seed N]
      The cluster's user objects at time T (Deployments, Services, NetworkPolicies, standalone
      Pods, ...) as clean manifests for kubectl apply -f, checked against Kubernetes' schema.
  flotilla convert FILE [-o yaml|json] [--profile P]...
      A Docker Compose file as Kubernetes manifests, following kompose's mapping (a Deployment and
      a Service per service, PVCs for volumes), with a comment for each field it could not carry.
  flotilla compare FILE... [--json] [--seed N]
      Run each scenario (any orchestrator) and compare them side by side: how long the app was
      down after the failure, failed requests, containers lost, whether data survived, whether a
      person had to act.
  flotilla ps FILE [--at T] [-a]
      What docker compose ps would print on each host of a compose scenario at time T: NAME, IMAGE,
      COMMAND, SERVICE, CREATED, STATUS (Up 2 minutes (healthy), Restarting (1) 3 seconds ago,
      Exited (137) 5 seconds ago), PORTS. -a also lists stopped containers.
  flotilla services FILE [--at T] [--seed N]
      What docker service ls would print for a swarm scenario at time T: ID, NAME, MODE,
      REPLICAS (running/desired), IMAGE, PORTS (*:5000->80/tcp, the routing mesh).
  flotilla service-ps FILE SERVICE [--at T] [--seed N]
      What docker service ps SERVICE would print: each task with its node, desired and current
      state (Running 2 minutes ago), error; older tasks of a slot as \_ name.
  flotilla nodes FILE [--at T] [--seed N]
      What docker node ls would print: STATUS (Ready, Down), AVAILABILITY, MANAGER STATUS
      (Leader, Reachable, Unreachable); * marks the leader, the manager the CLI talks to.
  flotilla schema
      Print the JSON Schema of scenario files (for editors).

Times are durations from the start of the run: 30s, 5m, 1h30m, 250ms.
`;
