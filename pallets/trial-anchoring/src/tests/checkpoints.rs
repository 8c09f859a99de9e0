//! Checkpoints of the data log, verified consistent with the last.

use super::*;

#[test]
fn checkpoints_grow_the_log_and_every_record_is_provable() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let tree = merkle_log::Tree::from_leaves(leaves(0..12));
		checkpoint(&tree, 5);
		assert_eq!(
			last_event(),
			Event::CheckpointAnchored {
				trial: id(NCT),
				index: 0,
				log_size: 5,
				root: tree.root_at(5).unwrap(),
				by: CRO_AGENT
			}
		);
		checkpoint(&tree, 12);
		let info = Trials::trial(&id(NCT)).unwrap();
		assert_eq!(
			(info.checkpoints, info.head, info.log_size, info.log_root),
			(2, Some(1), 12, tree.root())
		);
		let second = crate::Checkpoints::<Test>::get(id(NCT), 1).unwrap();
		assert_eq!((second.parent, second.depth), (Some(0), 2));
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT + 2 * CHECKPOINT_DEPOSIT);
		for (index, size) in [(0u32, 5u64), (1, 12)] {
			for leaf in 0..size {
				let path = tree.inclusion_proof(leaf, size).unwrap();
				let hash = tree.leaves()[leaf as usize];
				assert_eq!(Trials::verify_inclusion(&id(NCT), index, leaf, &hash, &path), Ok(()));
			}
		}
		let path = tree.inclusion_proof(7, 12).unwrap();
		let hash = tree.leaves()[7];
		// Record 7 is not in checkpoint 0 (5 records), another leaf is not record 7.
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 0, 7, &hash, &path),
			Err(InclusionError::Proof(ProofError::IndexOutOfRange))
		);
		assert!(Trials::verify_inclusion(&id(NCT), 1, 7, &tree.leaves()[6], &path).is_err());
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 2, 7, &hash, &path),
			Err(InclusionError::CheckpointNotFound)
		);
		assert_eq!(
			Trials::verify_inclusion(&id(b"NCT00000001"), 0, 7, &hash, &path),
			Err(InclusionError::TrialNotFound)
		);
	});
}

/// The sponsor itself is the attacker here: after anchoring a checkpoint, it tries to anchor a
/// log in which an anchored record was changed, dropped or reordered (with the proof its own
/// rewritten log yields, and with the honest log's proof). Every attempt is refused with
/// `InconsistentLog` and changes nothing; the honest continuation is accepted.
#[test]
fn attack_a_sponsor_cannot_anchor_a_rewritten_log() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let honest = leaves(0..10);
		let tree = merkle_log::Tree::from_leaves(honest.clone());
		checkpoint(&tree, 6);
		let mut rewrites = Vec::new();
		let mut changed = honest.clone();
		changed[2][0] ^= 1;
		rewrites.push(changed);
		let mut dropped = honest.clone();
		dropped.remove(4);
		rewrites.push(dropped);
		let mut reordered = honest.clone();
		reordered.swap(0, 1);
		rewrites.push(reordered);
		for rewrite in rewrites {
			let forged = merkle_log::Tree::from_leaves(rewrite);
			let size = forged.len();
			for consistency in [
				forged.consistency_proof(6, size).unwrap(),
				tree.consistency_proof(6, size).unwrap(),
			] {
				assert_noop!(
					Trials::anchor_checkpoint(
						origin(CRO_AGENT),
						id(NCT),
						size,
						forged.root(),
						proof(consistency)
					),
					Error::<Test>::InconsistentLog
				);
			}
		}
		checkpoint(&tree, 10);
	});
}

#[test]
fn a_checkpoint_must_grow_the_log_and_prove_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let tree = merkle_log::Tree::from_leaves(leaves(0..8));
		let try_checkpoint = |size: u64, root: Hash, hashes: Vec<Hash>| {
			Trials::anchor_checkpoint(origin(CRO_AGENT), id(NCT), size, root, proof(hashes))
		};
		assert_noop!(
			try_checkpoint(0, merkle_log::empty_root(), vec![]),
			Error::<Test>::LogNotGrown
		);
		// The first checkpoint carries no proof: a proof there is refused.
		assert_noop!(
			try_checkpoint(3, tree.root_at(3).unwrap(), vec![[0; 32]]),
			Error::<Test>::InconsistentLog
		);
		checkpoint(&tree, 3);
		assert_noop!(
			try_checkpoint(3, tree.root_at(3).unwrap(), vec![]),
			Error::<Test>::LogNotGrown
		);
		assert_noop!(
			try_checkpoint(2, tree.root_at(2).unwrap(), vec![]),
			Error::<Test>::LogNotGrown
		);
		// No proof, a proof for other sizes, the right proof with another root.
		assert_noop!(try_checkpoint(8, tree.root(), vec![]), Error::<Test>::InconsistentLog);
		assert_noop!(
			try_checkpoint(8, tree.root(), tree.consistency_proof(2, 8).unwrap()),
			Error::<Test>::InconsistentLog
		);
		assert_noop!(
			try_checkpoint(1 << 63, tree.root(), tree.consistency_proof(3, 8).unwrap()),
			Error::<Test>::LogTooLarge
		);
		assert_noop!(
			Trials::anchor_checkpoint(
				origin(CRO_AGENT),
				id(b"NCT00000001"),
				1,
				[0; 32],
				proof(vec![])
			),
			Error::<Test>::TrialNotFound
		);
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			Trials::anchor_checkpoint(
				origin(POOR),
				id(NCT),
				8,
				tree.root(),
				proof(tree.consistency_proof(3, 8).unwrap())
			),
			Error::<Test>::InsufficientBalance
		);
	});
}
