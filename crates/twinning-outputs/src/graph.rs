//! The action plan's dependency graph. petgraph stays in this file: callers
//! of the crate only ever see indices turned back into `ActionId`s.

use std::collections::{BTreeSet, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// A graph over actions `0..n`, with an edge from each prerequisite to the
/// action that depends on it.
#[derive(Debug)]
pub(crate) struct Dependencies {
    graph: DiGraph<(), ()>,
}

impl Dependencies {
    /// Builds the graph; edges naming an index `>= n` are ignored.
    pub(crate) fn new(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut graph = DiGraph::with_capacity(n, n);
        for _ in 0..n {
            graph.add_node(());
        }
        for (from, to) in edges {
            if from < n && to < n {
                graph.update_edge(NodeIndex::new(from), NodeIndex::new(to), ());
            }
        }
        Self { graph }
    }

    /// Direct successors (dependents) of `node`, smallest index first.
    fn successors(&self, node: usize) -> Vec<usize> {
        let mut next: Vec<usize> =
            self.graph.edges(NodeIndex::new(node)).map(|e| e.target().index()).collect();
        next.sort_unstable();
        next.dedup();
        next
    }

    /// Direct predecessors (prerequisites) of `node`, smallest index first.
    pub(crate) fn predecessors(&self, node: usize) -> Vec<usize> {
        let mut prev: Vec<usize> = self
            .graph
            .neighbors_directed(NodeIndex::new(node), petgraph::Direction::Incoming)
            .map(NodeIndex::index)
            .collect();
        prev.sort_unstable();
        prev.dedup();
        prev
    }

    /// One cycle per strongly connected component that has one, each starting
    /// at the component's smallest index and repeating it at the end; the
    /// cycles are sorted by that index.
    pub(crate) fn cycles(&self) -> Vec<Vec<usize>> {
        let mut cycles = Vec::new();
        for component in tarjan_scc(&self.graph) {
            let members: BTreeSet<usize> = component.iter().map(|n| n.index()).collect();
            let Some(&start) = members.first() else { continue };
            let cyclic = members.len() > 1 || self.successors(start).contains(&start);
            if cyclic && let Some(cycle) = self.cycle_through(start, &members) {
                cycles.push(cycle);
            }
        }
        cycles.sort();
        cycles
    }

    /// The shortest path from `start` back to itself inside `members`
    /// (breadth first, smallest index first, so it is deterministic).
    fn cycle_through(&self, start: usize, members: &BTreeSet<usize>) -> Option<Vec<usize>> {
        let mut parent: Vec<Option<usize>> = vec![None; self.graph.node_count()];
        let mut queue = VecDeque::from([start]);
        let mut seen = BTreeSet::from([start]);
        while let Some(node) = queue.pop_front() {
            for next in self.successors(node) {
                if next == start {
                    let mut path = vec![start];
                    let mut cursor = node;
                    while cursor != start {
                        path.push(cursor);
                        cursor = (*parent.get(cursor)?)?;
                    }
                    path.push(start);
                    path.reverse();
                    return Some(path);
                }
                if members.contains(&next) && seen.insert(next) {
                    *parent.get_mut(next)? = Some(node);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// A topological order (Kahn's algorithm, taking the smallest free index
    /// first), or `None` if the graph has a cycle.
    pub(crate) fn topological(&self) -> Option<Vec<usize>> {
        let n = self.graph.node_count();
        let mut indegree: Vec<usize> = (0..n).map(|v| self.predecessors(v).len()).collect();
        let mut free: BTreeSet<usize> =
            indegree.iter().enumerate().filter(|(_, d)| **d == 0).map(|(v, _)| v).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(node) = free.pop_first() {
            order.push(node);
            for next in self.successors(node) {
                let degree = indegree.get_mut(next)?;
                *degree = degree.saturating_sub(1);
                if *degree == 0 {
                    free.insert(next);
                }
            }
        }
        (order.len() == n).then_some(order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kahn_takes_the_smallest_free_index() {
        let g = Dependencies::new(4, [(3, 0), (2, 1)]);
        assert_eq!(g.topological(), Some(vec![2, 1, 3, 0]));
    }

    #[test]
    fn a_self_loop_is_a_cycle() {
        let g = Dependencies::new(2, [(1, 1)]);
        assert_eq!(g.cycles(), vec![vec![1, 1]]);
        assert_eq!(g.topological(), None);
    }

    #[test]
    fn cycles_start_at_their_smallest_member() {
        let g = Dependencies::new(5, [(4, 2), (2, 3), (3, 4), (0, 1)]);
        assert_eq!(g.cycles(), vec![vec![2, 3, 4, 2]]);
    }
}
