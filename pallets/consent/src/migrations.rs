//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// Version 0 → 1: representations gained ids, evidence, attestation and powers; consents name
/// the representation they were granted under; emergency grants record who closed them and
/// stay stored for their cool-down; audit entries hold a commitment to the question instead of
/// the record's scope, action and purpose.
///
/// No chain holds version-0 consent data (healthchain has not launched), so there is nothing
/// to translate: the migration only records the new version. A chain that had version-0 data
/// would need each map translated — and its audit entries' clear scopes dropped, which is the
/// point of the change.
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		Weight::zero()
	}
}

/// [`InnerMigrateV0ToV1`], run only when the stored version is 0, then setting it to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The layout of storage version 1, before an audit entry recorded its depositor and deposit.
pub mod v1 {
	use crate::{AccessDecision, Moment, OrganisationId};
	use codec::{Decode, Encode};
	use sp_core::H256;

	/// An audit entry as version 1 stored it: its deposit was always `AccessRecordDeposit`,
	/// held from `recorded_by`.
	#[derive(Encode, Decode)]
	pub struct AccessRecord<AccountId, BlockNumber> {
		/// Who accessed.
		pub accessor: AccountId,
		/// The custodian that recorded it (`None`: a break-glass opening).
		pub custodian: Option<OrganisationId>,
		/// The account that wrote it and paid its deposit.
		pub recorded_by: AccountId,
		/// The commitment to the question.
		pub question: Option<H256>,
		/// What decided the access.
		pub decision: AccessDecision,
		/// When (Unix milliseconds).
		pub at: Moment,
		/// The block.
		pub block: BlockNumber,
	}
}

/// Version 1 → 2: an audit entry records its depositor (which
/// `change_access_record_deposit_owner` can change) and its deposit, which version 1 did not
/// because they were always `recorded_by` and `AccessRecordDeposit`. Every entry is rewritten
/// with `recorded_by` as its depositor and the runtime's `AccessRecordDeposit` (unchanged
/// since launch) as its deposit; holds are unchanged.
///
/// One read and one write per entry, in the upgrade block: fine for the consortium's
/// pre-launch chains; a chain with more entries than a block can rewrite would need it as a
/// multi-block migration (`pallet-migrations`).
pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::traits::Get;
		type OldRecord<T> = v1::AccessRecord<
			<T as frame_system::Config>::AccountId,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		>;
		let deposit = T::AccessRecordDeposit::get();
		let mut count = 0u64;
		// Written in version 2's layout, which `MigrateV2ToV3` then rewrites.
		v2::AccessLog::<T>::translate::<OldRecord<T>, _>(|_, _, old| {
			count = count.saturating_add(1);
			Some(v2::AccessRecord {
				accessor: old.accessor,
				custodian: old.custodian,
				depositor: old.recorded_by.clone(),
				recorded_by: old.recorded_by,
				deposit,
				question: old.question,
				decision: old.decision,
				at: old.at,
				block: old.block,
			})
		});
		T::DbWeight::get().reads_writes(count, count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		// Keys only: the values are still in the old layout.
		Ok((crate::AccessLog::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let mut after = 0u64;
		for (_, _, entry) in v2::AccessLog::<T>::iter() {
			frame_support::ensure!(
				entry.depositor == entry.recorded_by,
				"depositor not the recorder"
			);
			after = after.saturating_add(1);
		}
		frame_support::ensure!(before == after, "an audit entry was lost in the migration");
		Ok(())
	}
}

/// [`InnerMigrateV1ToV2`], run only when the stored version is 1, then setting it to 2.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The layout of storage version 2, in which an audit entry stored the decision in clear.
// `storage_alias` writes an undocumented prefix type.
#[allow(missing_docs)]
pub mod v2 {
	use crate::{AccessDecision, Config, Moment, OrganisationId, Pallet};
	use codec::{Decode, Encode};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};
	use sp_core::H256;

	/// Version 2's audit trails.
	#[storage_alias]
	pub type AccessLog<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Twox64Concat,
		u64,
		AccessRecord<
			<T as frame_system::Config>::AccountId,
			crate::BalanceOf<T>,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		>,
	>;

	/// An audit entry as version 2 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct AccessRecord<AccountId, Balance, BlockNumber> {
		/// Who accessed.
		pub accessor: AccountId,
		/// The custodian that recorded it (`None`: a break-glass opening).
		pub custodian: Option<OrganisationId>,
		/// The account that wrote it.
		pub recorded_by: AccountId,
		/// The account its deposit is held from.
		pub depositor: AccountId,
		/// The deposit.
		pub deposit: Balance,
		/// The commitment to the question.
		pub question: Option<H256>,
		/// What decided the access, in clear.
		pub decision: AccessDecision,
		/// When (Unix milliseconds).
		pub at: Moment,
		/// The block.
		pub block: BlockNumber,
	}
}

/// Version 2 → 3: an audit entry holds no decision in clear. A custodian's report keeps only
/// its commitment (to the question: the commitments of entries recorded before version 3 do not
/// cover the decision, which the events of their blocks showed); a break-glass opening keeps
/// the licence it was opened under. Holds are unchanged.
///
/// One read and one write per entry, in the upgrade block: fine for the consortium's
/// pre-launch chains; a larger chain would need a multi-block migration.
pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		use crate::{AccessKind, Basis};
		use frame_support::traits::Get;
		type OldRecord<T> = v2::AccessRecord<
			<T as frame_system::Config>::AccountId,
			crate::BalanceOf<T>,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		>;
		let mut count = 0u64;
		crate::AccessLog::<T>::translate::<OldRecord<T>, _>(|_, _, old| {
			count = count.saturating_add(1);
			let kind = match (old.question, old.decision.basis) {
				(Some(commitment), _) => AccessKind::Reported { commitment },
				(None, Basis::Emergency { licence }) => AccessKind::BreakGlass { licence },
				// Version 2 wrote no other kind of entry; keep any such as an empty report.
				(None, _) => AccessKind::Reported { commitment: Default::default() },
			};
			Some(crate::AccessRecord {
				accessor: old.accessor,
				custodian: old.custodian,
				recorded_by: old.recorded_by,
				depositor: old.depositor,
				deposit: old.deposit,
				kind,
				at: old.at,
				block: old.block,
			})
		});
		T::DbWeight::get().reads_writes(count, count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok((crate::AccessLog::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let after = crate::AccessLog::<T>::iter().count() as u64;
		frame_support::ensure!(before == after, "an audit entry was lost in the migration");
		// Not the pallet's whole `try_state`: a later migration (version 3 → 4) may still have
		// to rewrite the consents, which this code reads in version 4's layout. The upgrade
		// checks every pallet's `try_state` once every migration has run.
		Ok(())
	}
}

/// [`InnerMigrateV2ToV3`], run only when the stored version is 2, then setting it to 3.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	InnerMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The layout of storage version 3, in which a consent's deposit was always its grantor's.
pub mod v3 {
	use crate::{Capacity, ConsentStatus, Grantee, Period, RepresentationId};
	use codec::{Decode, Encode};

	/// A consent as version 3 stored it: no `depositor`.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct ConsentInfo<AccountId, Balance, BlockNumber, Provisions> {
		/// The patient.
		pub patient: AccountId,
		/// Who granted it, and paid its deposit.
		pub grantor: AccountId,
		/// In which capacity.
		pub capacity: Capacity,
		/// Under which representation.
		pub representation: Option<RepresentationId>,
		/// To whom.
		pub grantee: Grantee<AccountId>,
		/// Its rules.
		pub provisions: Provisions,
		/// When it is in force.
		pub period: Period,
		/// Whether it was revoked.
		pub status: ConsentStatus,
		/// The block in which it was granted.
		pub granted_in: BlockNumber,
		/// The deposit held from the grantor.
		pub deposit: Balance,
	}
}

/// Version 3 → 4: a consent names its depositor (a sponsor may pay a patient's deposit), which
/// version 3 did not because it was always the grantor. Every stored consent is rewritten with
/// its grantor as its depositor; holds are unchanged.
///
/// One read and one write per consent, in the upgrade block: fine for the consortium's
/// pre-launch chains; a larger chain would need a multi-block migration.
pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::traits::Get;
		type OldConsent<T> = v3::ConsentInfo<
			<T as frame_system::Config>::AccountId,
			crate::BalanceOf<T>,
			frame_system::pallet_prelude::BlockNumberFor<T>,
			crate::ProvisionsOf<T>,
		>;
		let mut count = 0u64;
		crate::Consents::<T>::translate::<OldConsent<T>, _>(|_, old| {
			count = count.saturating_add(1);
			Some(crate::ConsentInfo {
				depositor: old.grantor.clone(),
				patient: old.patient,
				grantor: old.grantor,
				capacity: old.capacity,
				representation: old.representation,
				grantee: old.grantee,
				provisions: old.provisions,
				period: old.period,
				status: old.status,
				granted_in: old.granted_in,
				deposit: old.deposit,
			})
		});
		T::DbWeight::get().reads_writes(count, count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok((crate::Consents::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let after = crate::Consents::<T>::iter().count() as u64;
		frame_support::ensure!(before == after, "a consent was lost in the migration");
		for (_, consent) in crate::Consents::<T>::iter() {
			frame_support::ensure!(
				consent.depositor == consent.grantor,
				"depositor not the grantor"
			);
		}
		Pallet::<T>::do_try_state()
	}
}

/// [`InnerMigrateV3ToV4`], run only when the stored version is 3, then setting it to 4.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	InnerMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
