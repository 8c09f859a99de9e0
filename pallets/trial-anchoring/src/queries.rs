//! The answers of the runtime API, the questions auditors ask, and the storage invariants.

use crate::{
	merkle_log, Checkpoint, CheckpointOf, Checkpoints, Config, DocumentKind, DocumentVersionOf,
	Documents, Hash, InclusionError, LatestVersion, Milestone, MilestoneRecordOf, Milestones,
	Pallet, TrialId, TrialOf, Trials, Version,
};
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// The trial registered under `trial`.
	pub fn trial(trial: &TrialId) -> Option<TrialOf<T>> {
		Trials::<T>::get(trial)
	}

	/// Every version of `kind` of `trial`'s documents, oldest first: the document's lineage.
	pub fn lineage(trial: &TrialId, kind: DocumentKind) -> Vec<(Version, DocumentVersionOf<T>)> {
		let latest = LatestVersion::<T>::get(trial, kind).unwrap_or(0);
		(1..=latest)
			.filter_map(|version| {
				Documents::<T>::get(trial, (kind, version)).map(|document| (version, document))
			})
			.collect()
	}

	/// Every document version of `trial`, in the order they were anchored.
	pub fn documents(trial: &TrialId) -> Vec<(DocumentKind, Version, DocumentVersionOf<T>)> {
		let mut all: Vec<_> = DocumentKind::ALL
			.into_iter()
			.flat_map(|kind| {
				Self::lineage(trial, kind)
					.into_iter()
					.map(move |(version, document)| (kind, version, document))
			})
			.collect();
		all.sort_by_key(|(_, _, document)| document.anchored.seq);
		all
	}

	/// The milestones `trial` reached, in order.
	pub fn milestones(trial: &TrialId) -> Vec<(Milestone, MilestoneRecordOf<T>)> {
		Milestone::ALL
			.into_iter()
			.filter_map(|milestone| {
				Milestones::<T>::get(trial, milestone).map(|record| (milestone, record))
			})
			.collect()
	}

	/// Which version of each kind of document was in force when `trial` reached `milestone`
	/// (the latest anchored before it; kinds without one are left out); `None` if the trial has
	/// not reached it. "Which protocol and SAP were in force at first enrolment?"
	pub fn in_force_at(
		trial: &TrialId,
		milestone: Milestone,
	) -> Option<Vec<(DocumentKind, Version)>> {
		let reached = Milestones::<T>::get(trial, milestone)?.anchored.seq;
		Some(
			DocumentKind::ALL
				.into_iter()
				.filter_map(|kind| {
					Self::lineage(trial, kind)
						.into_iter()
						.rev()
						.find(|(_, document)| document.anchored.seq < reached)
						.map(|(version, _)| (kind, version))
				})
				.collect(),
		)
	}

	/// Whether version `version` of `kind` was anchored before `trial` reached `milestone`
	/// (`Some(true)`) or after it (`Some(false)`); `None` if that version does not exist or the
	/// trial has not reached the milestone. "Was this SAP anchored before unblinding?"
	pub fn anchored_before(
		trial: &TrialId,
		kind: DocumentKind,
		version: Version,
		milestone: Milestone,
	) -> Option<bool> {
		let reached = Milestones::<T>::get(trial, milestone)?.anchored.seq;
		let document = Documents::<T>::get(trial, (kind, version))?;
		Some(document.anchored.seq < reached)
	}

	/// Every document version anchored after `trial` reached `milestone`, in order, each with
	/// its reason; `None` if the trial has not reached it. "What changed after enrolment, and
	/// why?"
	pub fn changes_after(
		trial: &TrialId,
		milestone: Milestone,
	) -> Option<Vec<(DocumentKind, Version, DocumentVersionOf<T>)>> {
		let reached = Milestones::<T>::get(trial, milestone)?.anchored.seq;
		Some(
			Self::documents(trial)
				.into_iter()
				.filter(|(_, _, document)| document.anchored.seq > reached)
				.collect(),
		)
	}

	/// Checkpoint `index` of `trial`'s data log.
	pub fn checkpoint(trial: &TrialId, index: u32) -> Option<CheckpointOf<T>> {
		Checkpoints::<T>::get(trial, index)
	}

	/// Whether checkpoint `index` of `trial` is part of its data log: the head or one of the
	/// checkpoints it extends (`Some(false)`: the consortium rewound the log past it); `None` if
	/// there is no such checkpoint.
	pub fn in_log(trial: &TrialId, index: u32) -> Option<bool> {
		Checkpoints::<T>::get(trial, index)?;
		let mut at = Trials::<T>::get(trial)?.head;
		while let Some(current) = at {
			if current == index {
				return Some(true);
			}
			if current < index {
				return Some(false);
			}
			at = Checkpoints::<T>::get(trial, current).and_then(|checkpoint| checkpoint.parent);
		}
		Some(false)
	}

	/// Whether `proof` shows `leaf` (a leaf hash) to be record `leaf_index` of `trial`'s data
	/// log at checkpoint `checkpoint` (which must still be part of the log).
	pub fn verify_inclusion(
		trial: &TrialId,
		checkpoint: u32,
		leaf_index: u64,
		leaf: &Hash,
		proof: &[Hash],
	) -> Result<(), InclusionError> {
		if !Trials::<T>::contains_key(trial) {
			return Err(InclusionError::UnknownTrial);
		}
		let Checkpoint { size, root, .. } =
			Checkpoints::<T>::get(trial, checkpoint).ok_or(InclusionError::UnknownCheckpoint)?;
		merkle_log::verify_inclusion(leaf_index, size, leaf, proof, &root)
			.map_err(InclusionError::Proof)?;
		if Self::in_log(trial, checkpoint) != Some(true) {
			return Err(InclusionError::Superseded);
		}
		Ok(())
	}

	/// Check the pallet's storage invariants.
	///
	/// - every trial's id is valid; its documents are versions `1..=latest` of each kind, each
	///   replacing the one before, only the first with the reason `initial`; their sequence
	///   numbers and its milestones' are distinct and below the trial's next one; its milestones
	///   are a prefix of the order;
	/// - its checkpoints are `0..checkpoints`, each growing the one it extends (an earlier one),
	///   and the trial's log is its head's;
	/// - nothing is stored for a trial that is not registered;
	/// - what each depositor has on hold is the sum of their anchors' deposits.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{BalanceOf, ChangeReason, HoldReason};
		use frame_support::{ensure, traits::fungible::InspectHold};
		use sp_runtime::Saturating;
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut add = |who: &T::AccountId, amount: BalanceOf<T>| {
			let total = deposits.entry(who.clone()).or_default();
			*total = total.saturating_add(amount);
		};
		for (id, trial) in Trials::<T>::iter() {
			ensure!(healthchain_primitives::trial::is_valid_trial_id(&id), "invalid trial id");
			add(&trial.depositor, trial.deposit);
			let mut seqs = Vec::new();
			for kind in DocumentKind::ALL {
				let latest = LatestVersion::<T>::get(&id, kind).unwrap_or(0);
				for version in 1..=latest {
					let document = Documents::<T>::get(&id, (kind, version))
						.ok_or("missing document version")?;
					ensure!(
						document.replaces == version.checked_sub(1).filter(|v| *v > 0),
						"a version does not replace the one before"
					);
					ensure!(
						(document.reason == ChangeReason::Initial) == (version == 1),
						"only the first version is initial"
					);
					seqs.push(document.anchored.seq);
					add(&document.depositor, document.deposit);
				}
			}
			ensure!(
				Documents::<T>::iter_prefix(&id).count()
					== DocumentKind::ALL
						.iter()
						.map(|kind| LatestVersion::<T>::get(&id, kind).unwrap_or(0) as usize)
						.sum::<usize>(),
				"a document version beyond its kind's latest"
			);
			let mut reached = true;
			for milestone in Milestone::ALL {
				match Milestones::<T>::get(&id, milestone) {
					Some(record) => {
						ensure!(reached, "a milestone reached out of order");
						seqs.push(record.anchored.seq);
					},
					None => reached = false,
				}
			}
			let distinct = seqs.len();
			seqs.sort_unstable();
			seqs.dedup();
			ensure!(seqs.len() == distinct, "two anchors share a sequence number");
			ensure!(
				seqs.iter().all(|seq| *seq < trial.next_seq),
				"a sequence number not below next"
			);
			for index in 0..trial.checkpoints {
				let checkpoint = Checkpoints::<T>::get(&id, index).ok_or("missing checkpoint")?;
				let parent_size = match checkpoint.parent {
					Some(parent) => {
						ensure!(parent < index, "a checkpoint extends a later one");
						Checkpoints::<T>::get(&id, parent).ok_or("missing parent checkpoint")?.size
					},
					None => 0,
				};
				ensure!(checkpoint.size > parent_size, "a checkpoint did not grow the log");
				add(&checkpoint.depositor, checkpoint.deposit);
			}
			ensure!(
				Checkpoints::<T>::iter_prefix(&id).count() == trial.checkpoints as usize,
				"a checkpoint beyond the count"
			);
			let (size, root) = match trial.head {
				Some(head) => {
					ensure!(head < trial.checkpoints, "the head is not a checkpoint");
					let checkpoint = Checkpoints::<T>::get(&id, head).ok_or("missing head")?;
					(checkpoint.size, checkpoint.root)
				},
				None => (0, merkle_log::empty_root()),
			};
			ensure!(
				trial.log_size == size && trial.log_root == root,
				"the trial's log is not its head checkpoint's"
			);
			ensure!(trial.sponsor_since <= trial.next_seq, "sponsor_since beyond next_seq");
		}
		for id in LatestVersion::<T>::iter_keys().map(|(id, _)| id).chain(
			Documents::<T>::iter_keys()
				.map(|(id, _)| id)
				.chain(Milestones::<T>::iter_keys().map(|(id, _)| id))
				.chain(Checkpoints::<T>::iter_keys().map(|(id, _)| id)),
		) {
			ensure!(Trials::<T>::contains_key(&id), "an anchor of an unregistered trial");
		}
		let reason = HoldReason::AnchorDeposit.into();
		for (depositor, total) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == total,
				"a depositor's hold is not the sum of their anchors' deposits"
			);
		}
		Ok(())
	}
}
