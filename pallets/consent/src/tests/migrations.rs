//! The storage version and its migrations.

use super::*;
use crate::{
	migrations::{v1, MigrateV0ToV1, MigrateV1ToV2},
	AccessLog, Justification, Pallet, STORAGE_VERSION,
};
use codec::Encode;
use frame_support::{
	traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};
use sp_core::H256;

fn db() -> RuntimeDbWeight {
	<<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get()
}

#[test]
fn storage_version_is_bumped_and_each_migration_runs_once() {
	assert_eq!(STORAGE_VERSION, 2);
	ExtBuilder::default().build().execute_with(|| {
		// A chain at version 0 is migrated once to 1, then to 2.
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(Pallet::<Test>::in_code_storage_version(), STORAGE_VERSION);
		// Run again, they do nothing.
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV1ToV2::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
	});
}

/// Audit entries stored in the version-1 layout (a custodian's and a break-glass opening's)
/// are rewritten with their recorder as depositor and `AccessRecordDeposit` as deposit;
/// nothing else about them changes.
#[test]
fn migration_to_v2_names_each_entrys_recorder_its_depositor() {
	ExtBuilder::default().build().execute_with(|| {
		let id = grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			NOBODY,
			H256::repeat_byte(1),
			permit(id, 0)
		));
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::Other,
			HOUR
		));
		let current: Vec<_> =
			(0..2).map(|index| AccessLog::<Test>::get(PATIENT, index).unwrap()).collect();
		// Write them back as version 1 stored them.
		for (index, entry) in current.iter().enumerate() {
			let old = v1::AccessRecord {
				accessor: entry.accessor,
				custodian: entry.custodian,
				recorded_by: entry.recorded_by,
				question: entry.question,
				decision: entry.decision,
				at: entry.at,
				block: entry.block,
			};
			frame_support::storage::unhashed::put_raw(
				&AccessLog::<Test>::hashed_key_for(PATIENT, index as u64),
				&old.encode(),
			);
		}
		StorageVersion::new(1).put::<Pallet<Test>>();

		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(weight, db().reads_writes(2, 2).saturating_add(db().reads_writes(1, 1)));
		for (index, entry) in current.into_iter().enumerate() {
			assert_eq!(entry.deposit, RECORD_DEPOSIT);
			assert_eq!(AccessLog::<Test>::get(PATIENT, index as u64), Some(entry));
		}
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		Consent::do_try_state().unwrap();
	});
}
