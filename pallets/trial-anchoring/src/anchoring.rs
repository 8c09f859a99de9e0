//! What a sponsor's agents anchor: the registration, document versions, milestones and
//! checkpoints of the data log.

use crate::{
	merkle_log, BalanceOf, ChangeReason, Checkpoint, Checkpoints, Config, ConsistencyProof,
	DocumentAt, DocumentKey, DocumentKind, DocumentVersion, Documents, Error, Event, Hash,
	HoldReason, InForce, LatestVersion, LogPath, Milestone, MilestoneRecord, Milestones,
	OrganisationId, Pallet, Role, Stamp, Trial, TrialId, TrialOf, Trials,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use healthchain_primitives::AccreditationInspect;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Register `trial` for the organisation `who` acts for as trial sponsor.
	pub(crate) fn do_register_trial(who: T::AccountId, trial: TrialId) -> DispatchResult {
		let sponsor = Self::ensure_accredited(&who)?;
		ensure!(
			healthchain_primitives::trial::is_valid_trial_id(&trial),
			Error::<T>::InvalidTrialId
		);
		ensure!(!Trials::<T>::contains_key(&trial), Error::<T>::AlreadyRegistered);
		let deposit = T::TrialDeposit::get();
		Self::hold(&who, deposit)?;
		Trials::<T>::insert(
			&trial,
			Trial {
				sponsor,
				registered_by: who.clone(),
				registered: Self::stamp(0),
				next_seq: 1,
				sponsor_since: 0,
				tenure: 0,
				voidings: 0,
				checkpoints: 0,
				first_checkpoint: 0,
				head: None,
				log_size: 0,
				log_root: merkle_log::empty_root(),
				depositor: who.clone(),
				deposit,
			},
		);
		Self::deposit_event(Event::TrialRegistered { trial, sponsor, by: who });
		Ok(())
	}

	/// Anchor the next version of `kind` of `trial`'s documents in its current tenure, as
	/// agent `who` of its sponsor.
	pub(crate) fn do_anchor_document(
		who: T::AccountId,
		trial: TrialId,
		kind: DocumentKind,
		document_hash: Hash,
		reason: ChangeReason,
	) -> DispatchResult {
		let mut info = Self::ensure_sponsor(&who, &trial)?;
		let tenure = info.tenure;
		let latest = LatestVersion::<T>::get(&trial, kind);
		ensure!(latest.is_none() == (reason == ChangeReason::Initial), Error::<T>::InvalidReason);
		if let Some(latest) = latest {
			let previous = Documents::<T>::get(&trial, (tenure, kind, latest));
			ensure!(
				previous.is_none_or(|previous| previous.document_hash != document_hash),
				Error::<T>::Unchanged
			);
		}
		let version = latest.unwrap_or(0).checked_add(1).ok_or(Error::<T>::Overflow)?;
		let anchored = Self::next_stamp(&mut info)?;
		let deposit = T::DocumentDeposit::get();
		Self::hold(&who, deposit)?;
		Documents::<T>::insert(
			&trial,
			(tenure, kind, version),
			DocumentVersion {
				document_hash,
				replaces: latest,
				reason,
				anchored_by: who.clone(),
				anchored,
				depositor: who.clone(),
				deposit,
			},
		);
		DocumentAt::<T>::insert(&trial, anchored.seq, DocumentKey { tenure, kind, version });
		LatestVersion::<T>::insert(&trial, kind, version);
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::DocumentAnchored {
			trial,
			kind,
			version,
			replaces: latest,
			document_hash,
			reason,
			by: who,
		});
		Ok(())
	}

	/// Anchor `milestone` of `trial` as agent `who` of its sponsor.
	pub(crate) fn do_anchor_milestone(
		who: T::AccountId,
		trial: TrialId,
		milestone: Milestone,
	) -> DispatchResult {
		let mut info = Self::ensure_sponsor(&who, &trial)?;
		ensure!(!Milestones::<T>::contains_key(&trial, milestone), Error::<T>::AlreadyReached);
		if let Some(previous) = milestone.previous() {
			ensure!(
				Milestones::<T>::contains_key(&trial, previous),
				Error::<T>::MilestoneOutOfOrder
			);
		}
		let in_force = Self::latest_versions(&trial);
		let has = |kind| in_force.iter().any(|(anchored, _)| *anchored == kind);
		match milestone {
			Milestone::FirstEnrolment => {
				ensure!(has(DocumentKind::Protocol), Error::<T>::NoProtocol)
			},
			// ICH E9: the analysis plan is final before the data are seen. (Results posted
			// follows unblinding, which already needed one.)
			Milestone::DatabaseLock | Milestone::Unblinding => {
				ensure!(has(DocumentKind::StatisticalAnalysisPlan), Error::<T>::NoAnalysisPlan)
			},
			Milestone::ResultsPosted => {},
		}
		let anchored = Self::next_stamp(&mut info)?;
		let deposit = T::MilestoneDeposit::get();
		Self::hold(&who, deposit)?;
		let log_size = info.log_size;
		Milestones::<T>::insert(
			&trial,
			milestone,
			MilestoneRecord {
				anchored_by: who.clone(),
				anchored,
				log_size,
				head: info.head,
				in_force,
				depositor: who.clone(),
				deposit,
			},
		);
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::MilestoneReached { trial, milestone, log_size, by: who });
		Ok(())
	}

	/// Anchor a checkpoint of `trial`'s data log as agent `who` of its sponsor.
	pub(crate) fn do_anchor_checkpoint(
		who: T::AccountId,
		trial: TrialId,
		log_size: u64,
		root: Hash,
		proof: ConsistencyProof,
	) -> DispatchResult {
		let mut info = Self::ensure_sponsor(&who, &trial)?;
		ensure!(log_size > info.log_size, Error::<T>::LogNotGrown);
		ensure!(log_size < 1u64 << 63, Error::<T>::LogTooLarge);
		merkle_log::verify_consistency(info.log_size, log_size, &info.log_root, &root, &proof)
			.map_err(|_| Error::<T>::InconsistentLog)?;
		let depth = match info.head {
			Some(head) => Checkpoints::<T>::get(&trial, head)
				.map(|parent| parent.depth)
				.ok_or(Error::<T>::CheckpointNotFound)?,
			None => 0,
		}
		.checked_add(1)
		.ok_or(Error::<T>::Overflow)?;
		let index = info.checkpoints;
		info.checkpoints = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let parent = info.head.replace(index);
		info.log_size = log_size;
		info.log_root = root;
		let deposit = T::CheckpointDeposit::get();
		Self::hold(&who, deposit)?;
		Checkpoints::<T>::insert(
			&trial,
			index,
			Checkpoint {
				log_size,
				root,
				parent,
				depth,
				anchored_by: who.clone(),
				block: frame_system::Pallet::<T>::block_number(),
				time: Self::now(),
				depositor: who.clone(),
				deposit,
			},
		);
		LogPath::<T>::insert(&trial, depth, index);
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::CheckpointAnchored { trial, index, log_size, root, by: who });
		Ok(())
	}

	/// The latest version of each kind of `trial`'s documents in its current tenure (kinds
	/// without one left out): four reads.
	pub(crate) fn latest_versions(trial: &TrialId) -> InForce {
		let versions: alloc::vec::Vec<_> = DocumentKind::ALL
			.into_iter()
			.filter_map(|kind| LatestVersion::<T>::get(trial, kind).map(|version| (kind, version)))
			.collect();
		// Four kinds, at most one version each: always within the bound.
		InForce::truncate_from(versions)
	}

	/// A stamp of the current block with sequence number `seq`.
	pub(crate) fn stamp(seq: u32) -> Stamp<BlockNumberFor<T>> {
		Stamp { seq, block: frame_system::Pallet::<T>::block_number(), time: Self::now() }
	}

	/// The stamp of the trial's next anchor; advances its sequence.
	pub(crate) fn next_stamp(info: &mut TrialOf<T>) -> Result<Stamp<BlockNumberFor<T>>, Error<T>> {
		let seq = info.next_seq;
		info.next_seq = seq.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Ok(Self::stamp(seq))
	}

	/// The organisation for which `who` may act as trial sponsor now, or why not.
	fn ensure_accredited(who: &T::AccountId) -> Result<OrganisationId, Error<T>> {
		T::Accreditation::ensure_accredited(who, Role::TrialSponsor)
			.map_err(Error::<T>::Accreditation)
	}

	/// The trial, if `who` acts now, as trial sponsor, for the organisation that sponsors
	/// it. Checked on every anchor: an agent who left, or a sponsor whose accreditation
	/// lapsed or was suspended, anchors nothing more.
	fn ensure_sponsor(who: &T::AccountId, trial: &TrialId) -> Result<TrialOf<T>, Error<T>> {
		let organisation = Self::ensure_accredited(who)?;
		let info = Trials::<T>::get(trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(info.sponsor == organisation, Error::<T>::NotSponsor);
		Ok(info)
	}

	/// Benchmark helper: make `trial`'s data log `log_size` records with `root` at its head
	/// checkpoint, as if they had been anchored.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn set_log_for_benchmarks(trial: &TrialId, log_size: u64, root: Hash) {
		Trials::<T>::mutate(trial, |info| {
			if let Some(info) = info {
				info.log_size = log_size;
				info.log_root = root;
			}
		});
	}

	/// Hold `amount` from `who` for an anchor.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::AnchorDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}
}
