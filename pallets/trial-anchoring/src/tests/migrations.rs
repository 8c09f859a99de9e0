//! The migration from storage version 0, on a trial written in version 0's layout.

use super::*;
use crate::migrations::{v0, MigrateV0ToV1};
use frame_support::{
	storage_alias,
	traits::{fungible::MutateHold, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	Blake2_128Concat, Twox64Concat,
};

/// Version 0's storage items, under their own names.
mod old {
	use super::*;
	use crate::{Config, Pallet};

	#[storage_alias]
	pub type Trials<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, TrialId, v0::Trial<u64, u64, u64>>;
	#[storage_alias]
	pub type Milestones<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		TrialId,
		Twox64Concat,
		Milestone,
		v0::MilestoneRecord<u64, u64>,
	>;
	#[storage_alias]
	pub type Checkpoints<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		TrialId,
		Twox64Concat,
		u32,
		v0::Checkpoint<u64, u64, u64>,
	>;
}

fn stamp(seq: u32) -> crate::Stamp<u64> {
	crate::Stamp { seq, block: 1, time: START }
}

fn hold(who: u64, amount: u64) {
	assert_ok!(Balances::hold(&HoldReason::AnchorDeposit.into(), &who, amount));
}

/// A version-0 trial: protocol v1 (seq 1), SAP v1 (seq 2), first enrolment (seq 3), protocol
/// v2 (seq 4); three checkpoints, the log rewound from 1 to 0 and extended by 2.
fn write_version_0() {
	let trial = id(NCT);
	let document = |hash: u8, replaces, reason, seq| crate::DocumentVersion {
		document_hash: doc(hash),
		replaces,
		reason,
		anchored_by: CRO_AGENT,
		anchored: stamp(seq),
		depositor: CRO_AGENT,
		deposit: DOCUMENT_DEPOSIT,
	};
	for (kind, version, document) in [
		(DocumentKind::Protocol, 1, document(1, None, ChangeReason::Initial, 1)),
		(DocumentKind::StatisticalAnalysisPlan, 1, document(2, None, ChangeReason::Initial, 2)),
		(DocumentKind::Protocol, 2, document(3, Some(1), ChangeReason::Correction, 4)),
	] {
		v0::Documents::<Test>::insert(&trial, (kind, version), document);
		hold(CRO_AGENT, DOCUMENT_DEPOSIT);
	}
	crate::LatestVersion::<Test>::insert(&trial, DocumentKind::Protocol, 2);
	crate::LatestVersion::<Test>::insert(&trial, DocumentKind::StatisticalAnalysisPlan, 1);
	old::Milestones::<Test>::insert(
		&trial,
		Milestone::FirstEnrolment,
		v0::MilestoneRecord {
			anchored_by: PHARMA_AGENT,
			anchored: stamp(3),
			log_size: 0,
			head: None,
		},
	);
	let tree = merkle_log::Tree::from_leaves(leaves(0..6));
	for (index, size, parent) in [(0u32, 2u64, None), (1, 4, Some(0)), (2, 6, Some(0))] {
		old::Checkpoints::<Test>::insert(
			&trial,
			index,
			v0::Checkpoint {
				size,
				root: tree.root_at(size).unwrap(),
				parent,
				anchored_by: CRO_AGENT,
				block: 1,
				time: START,
				depositor: CRO_AGENT,
				deposit: CHECKPOINT_DEPOSIT,
			},
		);
		hold(CRO_AGENT, CHECKPOINT_DEPOSIT);
	}
	old::Trials::<Test>::insert(
		&trial,
		v0::Trial {
			sponsor: PHARMA_ORG,
			registered_by: CRO_AGENT,
			registered: stamp(0),
			next_seq: 5,
			sponsor_since: 0,
			checkpoints: 3,
			head: Some(2),
			log_size: 6,
			log_root: tree.root_at(6).unwrap(),
			depositor: CRO_AGENT,
			deposit: TRIAL_DEPOSIT,
		},
	);
	hold(CRO_AGENT, TRIAL_DEPOSIT);
	StorageVersion::new(0).put::<Trials>();
}

#[test]
fn version_0_migrates_to_tenures_milestone_records_and_the_log_path() {
	ExtBuilder::default().build_and_execute(|| {
		write_version_0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(1));
		let info = Trials::trial(&id(NCT)).expect("migrated");
		assert_eq!(
			(info.tenure, info.voidings, info.first_checkpoint, info.head, info.log_size),
			(0, 0, 0, Some(2), 6)
		);
		assert_eq!(lineage(DocumentKind::Protocol), vec![(1, doc(1), None), (2, doc(3), Some(1))]);
		assert_eq!(
			documents(),
			vec![
				(0, DocumentKind::Protocol, 1, 1, false),
				(0, DocumentKind::StatisticalAnalysisPlan, 1, 2, false),
				(0, DocumentKind::Protocol, 2, 4, false),
			]
		);
		// What `in_force_at` computed in version 0, now stored; no deposit held retroactively.
		let record = crate::Milestones::<Test>::get(id(NCT), Milestone::FirstEnrolment).unwrap();
		assert_eq!(
			record.in_force.into_inner(),
			vec![(DocumentKind::Protocol, 1), (DocumentKind::StatisticalAnalysisPlan, 1)]
		);
		assert_eq!((record.depositor, record.deposit), (PHARMA_AGENT, 0));
		let depths: Vec<_> = (0..3)
			.map(|index| crate::Checkpoints::<Test>::get(id(NCT), index).unwrap().depth)
			.collect();
		assert_eq!(depths, vec![1, 2, 2]);
		assert_eq!(
			(0..3).map(|index| Trials::in_log(&id(NCT), index)).collect::<Vec<_>>(),
			vec![Some(true), Some(false), Some(true)]
		);
		// The trial goes on: the next anchor, milestone and checkpoint.
		anchor(DocumentKind::StatisticalAnalysisPlan, 9, ChangeReason::Correction);
		milestone(Milestone::DatabaseLock);
		checkpoint(&merkle_log::Tree::from_leaves(leaves(0..8)), 8);
		// Run again, it does nothing: the version is 1.
		let before = crate::Documents::<Test>::iter().count();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(crate::Documents::<Test>::iter().count(), before);
	});
}
