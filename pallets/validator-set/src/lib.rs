#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate alloc;

pub use pallet::*;

mod membership;
mod recovery;
mod sessions;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use healthchain_primitives::{AccreditationInspect, OrganisationId, StandingError};
pub use pallet_session::SessionManager;
pub use weights::WeightInfo;

/// The index of a session, as `pallet-session` numbers them: the first is 0.
pub type SessionIndex = u32;

/// The set a session would get now ([`Pallet::eligible`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Eligible<AccountId> {
	/// The validators.
	pub set: alloc::vec::Vec<AccountId>,
	/// The kept validators left out of it, and why.
	pub left_out: alloc::vec::Vec<(AccountId, LeftOut)>,
}

/// How the validator set forces GRANDPA to a new authority set when finality has stalled: the
/// runtime implements it with `pallet_grandpa`'s `note_stalled`.
pub trait FinalityRecovery<BlockNumber> {
	/// At this session change, GRANDPA's authorities become this session's validators
	/// `further_wait` blocks after the change is signalled, whether or not the blocks in
	/// between are finalized; the new authorities vote on top of block `median` (the highest
	/// block every one of them has finalized). Called before GRANDPA hears of the session
	/// change, in the same block. `Err` when GRANDPA would not force the change now (it
	/// refuses a forced change while another change is pending, or too soon after the last
	/// forced one), and nothing was handed to it.
	fn note_stalled(further_wait: BlockNumber, median: BlockNumber)
		-> Result<(), RecoveryDeferred>;
}

impl<BlockNumber> FinalityRecovery<BlockNumber> for () {
	fn note_stalled(_: BlockNumber, _: BlockNumber) -> Result<(), RecoveryDeferred> {
		Ok(())
	}
}

/// Why an ordered finality recovery was not handed to GRANDPA at a session change: it is tried
/// again at the next one.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
)]
pub enum RecoveryDeferred {
	/// Fewer than `MinValidators` validators were eligible for the session: its set stays the
	/// old one, and forcing GRANDPA onto it would change nothing.
	#[codec(index = 0)]
	TooFewEligible {
		/// How many were eligible.
		eligible: u32,
	},
	/// GRANDPA has another authority change pending.
	#[codec(index = 1)]
	ChangePending,
	/// GRANDPA forced a change too recently to force another now.
	#[codec(index = 2)]
	TooSoon,
}

/// Why a validator the consortium keeps is left out of the set handed to a session.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
)]
pub enum LeftOut {
	/// Its operator has not registered session keys (`session.set_keys`), or purged them.
	#[codec(index = 0)]
	NoSessionKeys,
	/// Its account no longer acts for its organisation, or that organisation is not in good
	/// standing (the inner reason says which).
	#[codec(index = 1)]
	Standing(StandingError),
}

/// A finality recovery the consortium ordered, waiting for its session.
#[derive(
	Clone,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
)]
pub struct Recovery<BlockNumber> {
	/// The highest block every remaining validator has finalized.
	pub best_finalized: BlockNumber,
	/// How many blocks after the session change GRANDPA's new authorities take over.
	pub delay: BlockNumber,
	/// The session whose validators (without the removed ones) it forces GRANDPA to; set when
	/// that set is queued, at the first session change after the order.
	pub session: Option<SessionIndex>,
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who adds and removes validators and orders a finality recovery: the consortium.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The registry: which organisation an account acts for, and whether that organisation
		/// is in good standing now.
		type Accreditation: AccreditationInspect<Self::AccountId>;

		/// The accounts that have session keys registered (`pallet-session`'s `NextKeys`).
		type SessionKeys: Contains<Self::AccountId>;

		/// Forces GRANDPA's authority set after a stall (`pallet_grandpa`'s `note_stalled`).
		type FinalityRecovery: FinalityRecovery<BlockNumberFor<Self>>;

		/// The fewest validators the consortium may leave: removals below it are refused.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The longest `delay` of a finality recovery: shorter than a session, so that the forced
		/// change is enacted before the next session change (GRANDPA refuses a change while
		/// another is pending, and that change would be lost).
		#[pallet::constant]
		type MaxRecoveryDelay: Get<BlockNumberFor<Self>>;

		/// The length of a session in blocks (`pallet-session`'s period), which
		/// [`Config::MaxRecoveryDelay`] must stay below.
		#[pallet::constant]
		type SessionPeriod: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Benchmark helper: give an account session keys.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// What the benchmarks need of the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Register session keys for `who`, so that it may be added as a validator.
		fn set_session_keys(who: &AccountId);
	}

	/// The validators the consortium keeps, in the order added. Each session gets those of
	/// them that are eligible then (see [`Pallet::eligible`]), unless fewer than
	/// [`Config::MinValidators`] are: then the set stays as it was.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Validator → the organisation whose node it is. Validators named in the chain's genesis
	/// (its founding members' nodes) have no entry: they stay until the consortium removes
	/// them.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OrganisationId, OptionQuery>;

	/// The set last handed to `pallet-session` (it takes effect one session later).
	#[pallet::storage]
	pub type Queued<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// A finality recovery the consortium ordered and that has not yet taken effect.
	#[pallet::storage]
	pub type PendingRecovery<T: Config> = StorageValue<_, Recovery<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding validators (each must also have session keys in `pallet-session`'s
		/// genesis).
		pub validators: Vec<T::AccountId>,
		/// The organisation each founding validator runs for (an agent of it, registered in
		/// the registry's genesis): it is left out of the set, like any other, when that
		/// organisation's standing or its agency ends. A founding validator not named here
		/// (a development or test network's) has no organisation and stays until removed.
		pub operators: Vec<(T::AccountId, OrganisationId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut seen = alloc::collections::BTreeSet::new();
			assert!(
				self.validators.iter().all(|v| seen.insert(v.clone())),
				"duplicate genesis validator"
			);
			let validators: BoundedVec<_, T::MaxValidators> =
				self.validators.clone().try_into().expect("too many genesis validators");
			Validators::<T>::put(validators);
			for (validator, organisation) in &self.operators {
				assert!(
					self.validators.contains(validator),
					"a genesis operator that is no genesis validator"
				);
				Operators::<T>::insert(validator, organisation);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The consortium added a validator: it joins the set at the second session change
		/// from now.
		ValidatorAdded {
			/// The validator's account (its session keys are registered under it).
			validator: T::AccountId,
			/// The organisation whose node it is.
			organisation: OrganisationId,
		},
		/// The consortium removed a validator: it leaves the set at the second session change
		/// from now.
		ValidatorRemoved {
			/// The validator's account.
			validator: T::AccountId,
		},
		/// The consortium removed validators and ordered GRANDPA forced to the rest: when that
		/// set takes effect, GRANDPA's authorities change without waiting for finality.
		FinalityRecoveryOrdered {
			/// The validators removed.
			removed: Vec<T::AccountId>,
			/// The highest block every remaining validator has finalized.
			best_finalized: BlockNumberFor<T>,
			/// Blocks after the session change before the new authorities take over.
			delay: BlockNumberFor<T>,
		},
		/// The ordered recovery was handed to GRANDPA (`note_stalled`) at the start of `session`:
		/// GRANDPA forces its authorities to that session's validators in this block.
		FinalityRecoveryStarted {
			/// The session whose validators GRANDPA is forced to.
			session: SessionIndex,
		},
		/// The ordered recovery could not be handed to GRANDPA for `session`, for `reason`; it
		/// stays pending and is tried again at the next session change.
		FinalityRecoveryDeferred {
			/// The session it was meant for.
			session: SessionIndex,
			/// Why not.
			reason: RecoveryDeferred,
		},
		/// A new set was queued: it takes effect at the start of `session`.
		ValidatorSetQueued {
			/// The session it takes effect in.
			session: SessionIndex,
			/// The validators.
			validators: Vec<T::AccountId>,
		},
		/// A validator the consortium keeps was left out of the set queued for `session`.
		ValidatorLeftOut {
			/// The validator.
			validator: T::AccountId,
			/// Why.
			reason: LeftOut,
			/// The session.
			session: SessionIndex,
		},
		/// Fewer than [`Config::MinValidators`] validators were eligible for `session`: the set
		/// stays as it is (one that is no longer eligible stays in it until enough are), so
		/// that the chain goes on.
		ValidatorSetKept {
			/// The session.
			session: SessionIndex,
			/// How many were eligible.
			eligible: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account may not run a validator for that organisation now (it does not act for
		/// it, or the organisation is not in good standing); the inner error says why.
		Standing(StandingError),
		/// The account has no session keys: its operator must generate them on the node
		/// (`author_rotateKeys`) and register them (`session.set_keys`) first.
		NoSessionKeys,
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set is full ([`Config::MaxValidators`]).
		TooManyValidators,
		/// That would leave fewer validators than [`Config::MinValidators`].
		TooFewValidators,
		/// A validator is named twice.
		DuplicateValidator,
		/// `best_finalized` is above the current block.
		FinalizedInFuture,
		/// A finality recovery is already ordered and has not yet taken effect.
		RecoveryPending,
		/// The recovery's `delay` is longer than [`Config::MaxRecoveryDelay`].
		DelayTooLong,
		/// Only the consortium may do this: a council motion (the client's consortium commands
		/// with `--via council`), or sudo on a development chain (`--via sudo`).
		NotConsortium,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// The bounds the pallet relies on: a set of at least one validator and at most the
		/// maximum (so that the minimum can be met), and a recovery enacted within a session.
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators is zero: the set could empty");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators above MaxValidators: no set could satisfy both"
			);
			assert!(
				T::MaxRecoveryDelay::get() < T::SessionPeriod::get(),
				"MaxRecoveryDelay not below a session: a forced change could still be pending at \
				 the next session change, and be lost"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `validator`, the node of `organisation`: it joins the set handed to the
		/// session after next, and stays in it while `organisation` is in good standing and
		/// the account acts for it.
		///
		/// The account must act for `organisation` now (as its admin or an agent), the
		/// organisation must be in good standing, and the account must have registered
		/// session keys (`session.set_keys`).
		///
		/// Origin: [`Config::ConsortiumOrigin`]. Emits [`Event::ValidatorAdded`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(
			origin: OriginFor<T>,
			validator: T::AccountId,
			organisation: OrganisationId,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin).map_err(|_| Error::<T>::NotConsortium)?;
			Self::do_add_validator(validator, organisation)
		}

		/// Remove `validator`: it leaves the set handed to the session after next.
		///
		/// Origin: [`Config::ConsortiumOrigin`]. Emits [`Event::ValidatorRemoved`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin).map_err(|_| Error::<T>::NotConsortium)?;
			Self::do_remove_validator(validator)
		}

		/// Recover from a finality stall (a third or more of the validators gone): remove the
		/// dead validators `remove`, and when the set without them takes effect (at the second
		/// session change from now) force GRANDPA's authorities to it, `delay` blocks later,
		/// without the finality an ordinary change waits for. `best_finalized` is the highest
		/// block every remaining validator has finalized (`chain_getFinalizedHead` on each).
		///
		/// Origin: [`Config::ConsortiumOrigin`]. Emits [`Event::FinalityRecoveryOrdered`]
		/// now and [`Event::FinalityRecoveryStarted`] when it takes effect.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::recover_finality(remove.len() as u32))]
		pub fn recover_finality(
			origin: OriginFor<T>,
			remove: BoundedVec<T::AccountId, T::MaxValidators>,
			best_finalized: BlockNumberFor<T>,
			delay: BlockNumberFor<T>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin).map_err(|_| Error::<T>::NotConsortium)?;
			Self::do_recover_finality(remove, best_finalized, delay)
		}
	}
}
