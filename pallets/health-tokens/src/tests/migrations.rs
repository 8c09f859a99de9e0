//! The storage version and its migrations.

use super::*;
use crate::{
	migrations::{v1, MigrateV0ToV1, MigrateV1ToV2},
	Pallet, VersionReason, Versions, STORAGE_VERSION,
};
use codec::Encode;
use frame_support::{
	traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};

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

/// Versions stored in the version-1 layout are rewritten with their author as depositor;
/// nothing else about them changes, and the holds still add up.
#[test]
fn migration_to_v2_names_each_versions_author_its_depositor() {
	ExtBuilder::default().build().execute_with(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL),
			id,
			doc(2),
			VersionReason::Corrected,
			None
		));
		let current: Vec<_> =
			(0..2).map(|index| Versions::<Test>::get(id, index).unwrap()).collect();
		// Write them back as version 1 stored them.
		for (index, version) in current.iter().enumerate() {
			let old = v1::VersionInfo {
				document: version.document,
				reason: version.reason,
				author: version.author,
				deposit: version.deposit,
				valid_until: version.valid_until,
				written_at: version.written_at,
				block: version.block,
			};
			frame_support::storage::unhashed::put_raw(
				&Versions::<Test>::hashed_key_for(id, index as u32),
				&old.encode(),
			);
		}
		StorageVersion::new(1).put::<Pallet<Test>>();

		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(weight, db().reads_writes(2, 2).saturating_add(db().reads_writes(1, 1)));
		for (index, version) in current.into_iter().enumerate() {
			assert_eq!(Versions::<Test>::get(id, index as u32), Some(version));
		}
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		HealthTokens::do_try_state().unwrap();
	});
}
