//! The region being painted, step by step, with undo and redo.

use crate::RegionOp;

/// The region being painted in the editor: its steps, with undo and redo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps {
    done: Vec<RegionOp>,
    undone: Vec<RegionOp>,
}

impl Steps {
    /// The steps in force, oldest first.
    pub fn ops(&self) -> &[RegionOp] {
        &self.done
    }

    /// Adds a step; what was undone cannot be redone after it.
    pub fn push(&mut self, op: RegionOp) {
        self.done.push(op);
        self.undone.clear();
    }

    /// Takes the last step back.
    pub fn undo(&mut self) {
        if let Some(op) = self.done.pop() {
            self.undone.push(op);
        }
    }

    /// Puts back the last step taken back.
    pub fn redo(&mut self) {
        if let Some(op) = self.undone.pop() {
            self.done.push(op);
        }
    }

    /// Whether there is a step to take back.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is a step to put back.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut s = Steps::default();
        assert!(!s.can_undo() && !s.can_redo());
        s.push(RegionOp::Invert);
        s.push(RegionOp::Clear);
        s.undo();
        assert_eq!(s.ops(), [RegionOp::Invert]);
        assert!(s.can_redo());
        s.redo();
        assert_eq!(s.ops(), [RegionOp::Invert, RegionOp::Clear]);
        s.undo();
        s.push(RegionOp::Invert);
        // A new step drops what was taken back.
        assert!(!s.can_redo());
        assert_eq!(s.ops(), [RegionOp::Invert, RegionOp::Invert]);
        s.undo();
        s.undo();
        s.undo();
        assert!(s.ops().is_empty() && s.can_redo());
    }
}
