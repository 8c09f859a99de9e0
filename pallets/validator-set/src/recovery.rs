//! Recovering from a finality stall: the consortium removes the dead validators and orders
//! GRANDPA forced to the rest, which is handed to GRANDPA when the set without them takes
//! effect (and deferred while it cannot be).

use crate::{
	Config, Error, Event, FinalityRecovery, Pallet, PendingRecovery, Recovery, RecoveryDeferred,
	SessionIndex,
};
use frame_support::{ensure, traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Remove the dead validators `remove` and order GRANDPA forced to the rest, `delay` blocks
	/// after that set takes effect, voting on top of `best_finalized`.
	pub(crate) fn do_recover_finality(
		remove: BoundedVec<T::AccountId, T::MaxValidators>,
		best_finalized: BlockNumberFor<T>,
		delay: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(!PendingRecovery::<T>::exists(), Error::<T>::RecoveryPending);
		ensure!(delay <= T::MaxRecoveryDelay::get(), Error::<T>::DelayTooLong);
		ensure!(
			best_finalized <= frame_system::Pallet::<T>::block_number(),
			Error::<T>::FinalizedInFuture
		);
		Self::do_remove(&remove)?;
		PendingRecovery::<T>::put(Recovery { best_finalized, delay, session: None });
		Self::deposit_event(Event::FinalityRecoveryOrdered {
			removed: remove.into_inner(),
			best_finalized,
			delay,
		});
		Ok(())
	}

	/// At the session change that plans session `session`: a pending recovery not yet aimed at
	/// a session is aimed at this one, unless its set is `kept` (only `eligible` validators
	/// were eligible, fewer than the minimum): then it is deferred.
	pub(crate) fn aim_recovery(session: SessionIndex, kept: bool, eligible: u32) {
		// A pending recovery is aimed at the first session whose set is the eligible one;
		// not at one whose set is kept, which would force GRANDPA back onto the stalled set.
		if let Some(mut recovery) = PendingRecovery::<T>::get() {
			if recovery.session.is_none() {
				if kept {
					Self::deposit_event(Event::FinalityRecoveryDeferred {
						session,
						reason: RecoveryDeferred::TooFewEligible { eligible },
					});
				} else {
					recovery.session = Some(session);
					PendingRecovery::<T>::put(recovery);
				}
			}
		}
	}

	/// At the start of session `session`: hand the recovery aimed at it to GRANDPA, or, when
	/// GRANDPA refuses it now, defer it to the next session change.
	pub(crate) fn start_recovery(session: SessionIndex) {
		if let Some(mut recovery) = PendingRecovery::<T>::get() {
			if recovery.session == Some(session) {
				match T::FinalityRecovery::note_stalled(recovery.delay, recovery.best_finalized) {
					Ok(()) => {
						PendingRecovery::<T>::kill();
						Self::deposit_event(Event::FinalityRecoveryStarted { session });
					},
					Err(reason) => {
						// Aimed again at the next session whose set is the eligible one.
						recovery.session = None;
						PendingRecovery::<T>::put(recovery);
						Self::deposit_event(Event::FinalityRecoveryDeferred { session, reason });
					},
				}
			}
		}
	}
}
