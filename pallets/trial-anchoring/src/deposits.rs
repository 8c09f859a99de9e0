//! Deposits that move: the admin of a trial's sponsor takes over what an agent (who may have
//! left) paid for its anchors.

use crate::{
	AnchorRef, BalanceOf, Checkpoints, Config, Documents, Error, Event, HoldReason, Milestones,
	Pallet, TrialId, Trials,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision},
};
use healthchain_primitives::AccreditationInspect;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Admin `who` of `trial`'s sponsor takes over the deposit of `anchor`: held from `who`
	/// first (so that nothing changes if they cannot pay), then released from the previous
	/// depositor.
	pub(crate) fn do_change_deposit_owner(
		who: T::AccountId,
		trial: TrialId,
		anchor: AnchorRef,
	) -> DispatchResult {
		let mut info = Trials::<T>::get(&trial).ok_or(Error::<T>::TrialNotFound)?;
		ensure!(
			T::Accreditation::admin_of(info.sponsor) == Some(who.clone()),
			Error::<T>::NotAdmin
		);
		// Each arm: the anchor's (depositor, deposit), and how to write it back with `who`.
		let from = match anchor {
			AnchorRef::Registration => {
				// A reclaimed trial's registration was the former holder's.
				ensure!(info.tenure == 0, Error::<T>::Void);
				let from = Self::move_deposit(&who, &info.depositor, info.deposit)?;
				info.depositor = who.clone();
				Trials::<T>::insert(&trial, &info);
				from
			},
			AnchorRef::Document { kind, version } => {
				let key = (info.tenure, kind, version);
				let mut document =
					Documents::<T>::get(&trial, key).ok_or(Error::<T>::AnchorNotFound)?;
				let from = Self::move_deposit(&who, &document.depositor, document.deposit)?;
				document.depositor = who.clone();
				Documents::<T>::insert(&trial, key, document);
				from
			},
			AnchorRef::Milestone(milestone) => {
				let mut record =
					Milestones::<T>::get(&trial, milestone).ok_or(Error::<T>::NotReached)?;
				let from = Self::move_deposit(&who, &record.depositor, record.deposit)?;
				record.depositor = who.clone();
				Milestones::<T>::insert(&trial, milestone, record);
				from
			},
			AnchorRef::Checkpoint(index) => {
				let mut checkpoint =
					Checkpoints::<T>::get(&trial, index).ok_or(Error::<T>::CheckpointNotFound)?;
				ensure!(index >= info.first_checkpoint, Error::<T>::Void);
				let from = Self::move_deposit(&who, &checkpoint.depositor, checkpoint.deposit)?;
				checkpoint.depositor = who.clone();
				Checkpoints::<T>::insert(&trial, index, checkpoint);
				from
			},
		};
		Self::deposit_event(Event::DepositOwnerChanged { trial, anchor, from, to: who });
		Ok(())
	}

	/// Hold `amount` from `to`, then release it from `from`; `from`.
	fn move_deposit(
		to: &T::AccountId,
		from: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<T::AccountId, sp_runtime::DispatchError> {
		ensure!(from != to, Error::<T>::AlreadyDepositor);
		Self::hold(to, amount)?;
		T::Currency::release(
			&HoldReason::AnchorDeposit.into(),
			from,
			amount,
			Precision::BestEffort,
		)?;
		Ok(from.clone())
	}
}
