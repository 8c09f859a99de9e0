//! The answers of the runtime API, the questions auditors ask, and the storage invariants.
//!
//! Every answer is bounded: lists come a page at a time (at most `MaxPageSize` items or
//! sequence numbers scanned), and the rest is a handful of reads whatever the trial holds.

use crate::{
	merkle_log, Checkpoint, CheckpointOf, Checkpoints, Config, DocumentAt, DocumentEntry,
	DocumentEntryOf, DocumentKind, DocumentVersionOf, Documents, Hash, InclusionError,
	LatestVersion, LogPath, Milestone, MilestoneRecordOf, Milestones, Page, Pallet, TrialId,
	TrialOf, Trials, Version, VoidingOf, Voidings,
};
use alloc::vec::Vec;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// The trial registered under `trial`.
	pub fn trial(trial: &TrialId) -> Option<TrialOf<T>> {
		Trials::<T>::get(trial)
	}

	/// The page size: `limit`, at least 1 and at most `MaxPageSize`.
	fn page_size(limit: u32) -> u32 {
		limit.clamp(1, T::MaxPageSize::get().max(1))
	}

	/// The versions of `kind` of `trial`'s documents in its current tenure, oldest first, after
	/// version `start_after` (from version 1 when `None`): the holder's lineage of the kind.
	pub fn lineage(
		trial: &TrialId,
		kind: DocumentKind,
		start_after: Option<Version>,
		limit: u32,
	) -> Page<(Version, DocumentVersionOf<T>), Version> {
		let Some(info) = Trials::<T>::get(trial) else { return Page::default() };
		let latest = LatestVersion::<T>::get(trial, kind).unwrap_or(0);
		let first = start_after.unwrap_or(0).saturating_add(1);
		let last = first.saturating_add(Self::page_size(limit) - 1).min(latest);
		let items = (first..=last)
			.filter_map(|version| {
				Documents::<T>::get(trial, (info.tenure, kind, version))
					.map(|document| (version, document))
			})
			.collect();
		Page { items, next: (last < latest).then_some(last) }
	}

	/// Every document version of `trial`, of every tenure, in the order they were anchored,
	/// after sequence number `start_after`, each marked void if it is of an earlier tenure.
	pub fn documents(
		trial: &TrialId,
		start_after: Option<u32>,
		limit: u32,
	) -> Page<DocumentEntryOf<T>, u32> {
		let Some(info) = Trials::<T>::get(trial) else { return Page::default() };
		Self::documents_between(trial, &info, start_after, limit, |_| true)
	}

	/// Up to a page of sequence numbers of `trial` after `start_after` (below its next one),
	/// with the document version anchored with each that `keep` keeps.
	fn documents_between(
		trial: &TrialId,
		info: &TrialOf<T>,
		start_after: Option<u32>,
		limit: u32,
		keep: impl Fn(&DocumentEntryOf<T>) -> bool,
	) -> Page<DocumentEntryOf<T>, u32> {
		// Sequence number 0 is the registration.
		let first = start_after.map_or(1, |seq| seq.saturating_add(1));
		let end = first.saturating_add(Self::page_size(limit)).min(info.next_seq);
		let items = (first..end)
			.filter_map(|seq| {
				let key = DocumentAt::<T>::get(trial, seq)?;
				let document = Documents::<T>::get(trial, (key.tenure, key.kind, key.version))?;
				Some(DocumentEntry { key, document, void: key.tenure < info.tenure })
			})
			.filter(keep)
			.collect();
		Page { items, next: (end < info.next_seq).then(|| end.saturating_sub(1)) }
	}

	/// The milestones the current holder of `trial` reached, in order (at most four).
	pub fn milestones(trial: &TrialId) -> Vec<(Milestone, MilestoneRecordOf<T>)> {
		Milestone::ALL
			.into_iter()
			.filter_map(|milestone| {
				Milestones::<T>::get(trial, milestone).map(|record| (milestone, record))
			})
			.collect()
	}

	/// Which version of each kind of document was in force when the current holder of `trial`
	/// reached `milestone` (the latest of its lineage anchored before it; kinds without one
	/// left out); `None` if it has not reached it. "Which protocol and SAP were in force at
	/// first enrolment?"
	pub fn in_force_at(
		trial: &TrialId,
		milestone: Milestone,
	) -> Option<Vec<(DocumentKind, Version)>> {
		Milestones::<T>::get(trial, milestone).map(|record| record.in_force.into_inner())
	}

	/// Whether version `version` of `kind`, of the current holder's lineage, was anchored
	/// before the holder reached `milestone` (`Some(true)`) or after it (`Some(false)`);
	/// `None` if that version does not exist or the holder has not reached the milestone.
	/// "Was this SAP anchored before unblinding?"
	pub fn anchored_before(
		trial: &TrialId,
		kind: DocumentKind,
		version: Version,
		milestone: Milestone,
	) -> Option<bool> {
		let tenure = Trials::<T>::get(trial)?.tenure;
		let reached = Milestones::<T>::get(trial, milestone)?.anchored.seq;
		let document = Documents::<T>::get(trial, (tenure, kind, version))?;
		Some(document.anchored.seq < reached)
	}

	/// The document versions of the current holder's lineages anchored after it reached
	/// `milestone`, in order, each with its reason, a page of sequence numbers after
	/// `start_after` (from the milestone when `None`); `None` if it has not reached it. "What
	/// changed after enrolment, and why?"
	pub fn changes_after(
		trial: &TrialId,
		milestone: Milestone,
		start_after: Option<u32>,
		limit: u32,
	) -> Option<Page<DocumentEntryOf<T>, u32>> {
		let info = Trials::<T>::get(trial)?;
		let reached = Milestones::<T>::get(trial, milestone)?.anchored.seq;
		let start_after = start_after.map_or(reached, |seq| seq.max(reached));
		Some(Self::documents_between(trial, &info, Some(start_after), limit, |entry| !entry.void))
	}

	/// The voidings the consortium recorded for `trial`, oldest first, after index
	/// `start_after`: what it voided (a reclaimed tenure, withdrawn milestones), why and when.
	pub fn voidings(
		trial: &TrialId,
		start_after: Option<u32>,
		limit: u32,
	) -> Page<(u32, VoidingOf<T>), u32> {
		let Some(info) = Trials::<T>::get(trial) else { return Page::default() };
		let first = start_after.map_or(0, |index| index.saturating_add(1));
		let end = first.saturating_add(Self::page_size(limit)).min(info.voidings);
		let items = (first..end)
			.filter_map(|index| Voidings::<T>::get(trial, index).map(|voiding| (index, voiding)))
			.collect();
		Page { items, next: (end < info.voidings).then(|| end.saturating_sub(1)) }
	}

	/// Checkpoint `index` of `trial`'s data log.
	pub fn checkpoint(trial: &TrialId, index: u32) -> Option<CheckpointOf<T>> {
		Checkpoints::<T>::get(trial, index)
	}

	/// Whether checkpoint `index` of `trial` is part of its data log: the head or one of the
	/// checkpoints it extends (`Some(false)`: the consortium rewound the log past it, or
	/// reclaimed the trial); `None` if there is no such checkpoint. Four reads, however long
	/// the log.
	pub fn in_log(trial: &TrialId, index: u32) -> Option<bool> {
		let checkpoint = Checkpoints::<T>::get(trial, index)?;
		let Some(head) = Trials::<T>::get(trial)?.head else { return Some(false) };
		let head_depth = Checkpoints::<T>::get(trial, head)?.depth;
		Some(
			checkpoint.depth <= head_depth
				&& LogPath::<T>::get(trial, checkpoint.depth) == Some(index),
		)
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
			return Err(InclusionError::TrialNotFound);
		}
		let Checkpoint { log_size, root, .. } =
			Checkpoints::<T>::get(trial, checkpoint).ok_or(InclusionError::CheckpointNotFound)?;
		merkle_log::verify_inclusion(leaf_index, log_size, leaf, proof, &root)
			.map_err(InclusionError::Proof)?;
		if Self::in_log(trial, checkpoint) != Some(true) {
			return Err(InclusionError::Superseded);
		}
		Ok(())
	}

	/// Check the pallet's storage invariants.
	///
	/// - every trial's id is valid; in each tenure up to its current one, its documents of
	///   each kind are versions `1..=n`, each replacing the one before, only the first with the
	///   reason `initial`, and `n` is the latest version in the current tenure; each is indexed
	///   by its sequence number, and nothing else is;
	/// - the sequence numbers of its documents, milestones (reached or voided) and voidings
	///   are distinct and below its next one; its milestones are a prefix of the order, each
	///   naming versions of the current lineages anchored before it;
	/// - its checkpoints are `0..checkpoints`, each growing the one it extends (an earlier
	///   one) at one more depth; the log's path holds the head's chain, which starts at or
	///   after the current tenure's first checkpoint; the trial's log is its head's;
	/// - its voidings are `0..voidings`;
	/// - nothing is stored for a trial that is not registered;
	/// - what each depositor has on hold is the sum of their anchors' deposits.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{BalanceOf, ChangeReason, HoldReason, Voided};
		use alloc::collections::{BTreeMap, BTreeSet};
		use frame_support::{ensure, traits::fungible::InspectHold};
		use sp_runtime::Saturating;
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut add = |who: &T::AccountId, amount: BalanceOf<T>| {
			let total = deposits.entry(who.clone()).or_default();
			*total = total.saturating_add(amount);
		};
		for (id, trial) in Trials::<T>::iter() {
			ensure!(healthchain_primitives::trial::is_valid_trial_id(&id), "invalid trial id");
			add(&trial.depositor, trial.deposit);
			let mut seqs = Vec::new();
			let mut versions = BTreeMap::<(u32, DocumentKind), BTreeSet<Version>>::new();
			for ((tenure, kind, version), document) in Documents::<T>::iter_prefix(&id) {
				ensure!(tenure <= trial.tenure, "a document of a later tenure");
				ensure!(
					document.replaces == version.checked_sub(1).filter(|v| *v > 0),
					"a version does not replace the one before"
				);
				ensure!(
					(document.reason == ChangeReason::Initial) == (version == 1),
					"only the first version is initial"
				);
				ensure!(
					DocumentAt::<T>::get(&id, document.anchored.seq)
						== Some(crate::DocumentKey { tenure, kind, version }),
					"a document not indexed by its sequence number"
				);
				versions.entry((tenure, kind)).or_default().insert(version);
				seqs.push(document.anchored.seq);
				add(&document.depositor, document.deposit);
			}
			ensure!(
				DocumentAt::<T>::iter_prefix(&id).count() == seqs.len(),
				"a sequence number indexes no document"
			);
			for ((_, _), set) in versions.iter() {
				ensure!(
					set.iter().copied().eq(1..=set.len() as u32),
					"a lineage's versions are not 1..=n"
				);
			}
			for kind in DocumentKind::ALL {
				let current = versions.get(&(trial.tenure, kind)).map(|set| set.len() as u32);
				ensure!(
					LatestVersion::<T>::get(&id, kind) == current,
					"the latest version is not the current lineage's last"
				);
			}
			let mut reached = true;
			for milestone in Milestone::ALL {
				match Milestones::<T>::get(&id, milestone) {
					Some(record) => {
						ensure!(reached, "a milestone reached out of order");
						for (kind, version) in record.in_force.iter() {
							let document =
								Documents::<T>::get(&id, (trial.tenure, *kind, *version))
									.ok_or("a milestone names a version not in the lineage")?;
							ensure!(
								document.anchored.seq < record.anchored.seq,
								"a version in force at a milestone anchored after it"
							);
						}
						seqs.push(record.anchored.seq);
						add(&record.depositor, record.deposit);
					},
					None => reached = false,
				}
			}
			for index in 0..trial.voidings {
				let voiding = Voidings::<T>::get(&id, index).ok_or("missing voiding")?;
				seqs.push(voiding.at.seq);
				let milestones = match &voiding.voided {
					Voided::Reclaimed { milestones, .. } => milestones,
					Voided::MilestonesWithdrawn { milestones } => milestones,
				};
				for (_, record) in milestones.iter() {
					seqs.push(record.anchored.seq);
					add(&record.depositor, record.deposit);
				}
			}
			ensure!(
				Voidings::<T>::iter_prefix(&id).count() == trial.voidings as usize,
				"a voiding beyond the count"
			);
			let distinct = seqs.len();
			seqs.sort_unstable();
			seqs.dedup();
			ensure!(seqs.len() == distinct, "two anchors share a sequence number");
			ensure!(
				seqs.iter().all(|seq| *seq > 0 && *seq < trial.next_seq),
				"a sequence number not between the registration and the next"
			);
			for index in 0..trial.checkpoints {
				let checkpoint = Checkpoints::<T>::get(&id, index).ok_or("missing checkpoint")?;
				let (parent_size, parent_depth) = match checkpoint.parent {
					Some(parent) => {
						ensure!(parent < index, "a checkpoint extends a later one");
						let parent = Checkpoints::<T>::get(&id, parent)
							.ok_or("missing parent checkpoint")?;
						(parent.log_size, parent.depth)
					},
					None => (0, 0),
				};
				ensure!(checkpoint.log_size > parent_size, "a checkpoint did not grow the log");
				ensure!(checkpoint.depth == parent_depth + 1, "a checkpoint's depth is off");
				add(&checkpoint.depositor, checkpoint.deposit);
			}
			ensure!(
				Checkpoints::<T>::iter_prefix(&id).count() == trial.checkpoints as usize,
				"a checkpoint beyond the count"
			);
			ensure!(
				trial.first_checkpoint <= trial.checkpoints,
				"first checkpoint beyond the count"
			);
			let (log_size, root) = match trial.head {
				Some(head) => {
					ensure!(head < trial.checkpoints, "the head is not a checkpoint");
					ensure!(head >= trial.first_checkpoint, "the head is of an earlier tenure");
					let checkpoint = Checkpoints::<T>::get(&id, head).ok_or("missing head")?;
					let mut at = Some(head);
					while let Some(index) = at {
						let checkpoint = Checkpoints::<T>::get(&id, index).ok_or("missing")?;
						ensure!(
							LogPath::<T>::get(&id, checkpoint.depth) == Some(index),
							"the log's path does not hold the head's chain"
						);
						at = checkpoint.parent;
					}
					(checkpoint.log_size, checkpoint.root)
				},
				None => (0, merkle_log::empty_root()),
			};
			ensure!(
				trial.log_size == log_size && trial.log_root == root,
				"the trial's log is not its head checkpoint's"
			);
			ensure!(trial.sponsor_since <= trial.next_seq, "sponsor_since beyond next_seq");
		}
		for id in LatestVersion::<T>::iter_keys()
			.map(|(id, _)| id)
			.chain(Documents::<T>::iter_keys().map(|(id, _)| id))
			.chain(DocumentAt::<T>::iter_keys().map(|(id, _)| id))
			.chain(Milestones::<T>::iter_keys().map(|(id, _)| id))
			.chain(Checkpoints::<T>::iter_keys().map(|(id, _)| id))
			.chain(LogPath::<T>::iter_keys().map(|(id, _)| id))
			.chain(Voidings::<T>::iter_keys().map(|(id, _)| id))
		{
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
