//! What only the consortium does to a trial: hand it to a successor, give it back clean to its
//! real sponsor, withdraw a mistaken milestone, rewind a frozen data log. Nothing is ever
//! deleted: what is voided is kept, attributed, with the consortium's reason.

use crate::{
	merkle_log, Checkpoints, Config, DocumentKind, Error, Event, LatestVersion, Milestone,
	Milestones, OrganisationId, Pallet, TrialId, Trials, VoidReason, Voided, VoidedMilestonesOf,
	Voiding, Voidings,
};
use frame_support::ensure;
use healthchain_primitives::AccreditationInspect;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Transfer `trial` to `sponsor`, its current sponsor's successor, keeping every anchor.
	pub(crate) fn do_transfer_trial(trial: TrialId, sponsor: OrganisationId) -> DispatchResult {
		let mut info = Trials::<T>::get(&trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(T::Accreditation::organisation_exists(sponsor), Error::<T>::OrganisationNotFound);
		ensure!(info.sponsor != sponsor, Error::<T>::AlreadySponsor);
		let from = core::mem::replace(&mut info.sponsor, sponsor);
		info.sponsor_since = info.next_seq;
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::TrialTransferred { trial, from, to: sponsor });
		Ok(())
	}

	/// Give `trial` back clean to `sponsor`: void everything of the current tenure.
	pub(crate) fn do_reclaim_trial(
		trial: TrialId,
		sponsor: OrganisationId,
		reason: VoidReason,
	) -> DispatchResult {
		let mut info = Trials::<T>::get(&trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(T::Accreditation::organisation_exists(sponsor), Error::<T>::OrganisationNotFound);
		let tenure = info.tenure;
		info.tenure = tenure.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let index = info.voidings;
		info.voidings = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let at = Self::next_stamp(&mut info)?;
		let milestones = Self::take_milestones_from(&trial, Milestone::FirstEnrolment);
		for kind in DocumentKind::ALL {
			LatestVersion::<T>::remove(&trial, kind);
		}
		let first_checkpoint = core::mem::replace(&mut info.first_checkpoint, info.checkpoints);
		info.head = None;
		info.log_size = 0;
		info.log_root = merkle_log::empty_root();
		let from = core::mem::replace(&mut info.sponsor, sponsor);
		info.sponsor_since = info.next_seq;
		Voidings::<T>::insert(
			&trial,
			index,
			Voiding {
				voided: Voided::Reclaimed {
					from,
					to: sponsor,
					tenure,
					milestones,
					first_checkpoint,
					checkpoints: info.checkpoints,
				},
				reason,
				at,
			},
		);
		let tenure = info.tenure;
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::TrialReclaimed {
			trial,
			from,
			to: sponsor,
			tenure,
			reason,
			voiding: index,
		});
		Ok(())
	}

	/// Withdraw `milestone` of `trial`, and every later one it reached, into a voiding.
	pub(crate) fn do_withdraw_milestone(
		trial: TrialId,
		milestone: Milestone,
		reason: VoidReason,
	) -> DispatchResult {
		let mut info = Trials::<T>::get(&trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(Milestones::<T>::contains_key(&trial, milestone), Error::<T>::NotReached);
		let index = info.voidings;
		info.voidings = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let at = Self::next_stamp(&mut info)?;
		let milestones = Self::take_milestones_from(&trial, milestone);
		let withdrawn = milestones.iter().map(|(milestone, _)| *milestone).collect();
		Voidings::<T>::insert(
			&trial,
			index,
			Voiding { voided: Voided::MilestonesWithdrawn { milestones }, reason, at },
		);
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::MilestonesWithdrawn {
			trial,
			milestones: withdrawn,
			reason,
			voiding: index,
		});
		Ok(())
	}

	/// Rewind `trial`'s data log to its checkpoint `to` (`None`: the empty log).
	pub(crate) fn do_rewind_log(trial: TrialId, to: Option<u32>) -> DispatchResult {
		let mut info = Trials::<T>::get(&trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(info.head != to, Error::<T>::AlreadyHead);
		let (log_size, root) = match to {
			Some(index) => {
				let checkpoint =
					Checkpoints::<T>::get(&trial, index).ok_or(Error::<T>::CheckpointNotFound)?;
				ensure!(Self::in_log(&trial, index) == Some(true), Error::<T>::NotInLog);
				(checkpoint.log_size, checkpoint.root)
			},
			None => (0, merkle_log::empty_root()),
		};
		let from = core::mem::replace(&mut info.head, to);
		info.log_size = log_size;
		info.log_root = root;
		Trials::<T>::insert(&trial, info);
		Self::deposit_event(Event::LogRewound { trial, from, to });
		Ok(())
	}

	/// Take `from` and every later milestone `trial` reached out of its record, in order.
	fn take_milestones_from(trial: &TrialId, from: Milestone) -> VoidedMilestonesOf<T> {
		let taken: alloc::vec::Vec<_> = Milestone::ALL
			.into_iter()
			.filter(|milestone| *milestone >= from)
			.filter_map(|milestone| {
				Milestones::<T>::take(trial, milestone).map(|record| (milestone, record))
			})
			.collect();
		// Four milestones at most: always within the bound.
		VoidedMilestonesOf::<T>::truncate_from(taken)
	}
}
