//! The storage version and its migrations.

use super::*;
use crate::{
	migrations::{v1, v2, MigrateV0ToV1, MigrateV1ToV2, MigrateV2ToV3},
	Issuer, Pallet, TokenStatus, Tokens, VersionReason, Versions, STORAGE_VERSION,
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
	assert_eq!(STORAGE_VERSION, 3);
	ExtBuilder::default().build().execute_with(|| {
		// A chain at version 0 is migrated once to 1, then to 2, then to 3.
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(Pallet::<Test>::in_code_storage_version(), STORAGE_VERSION);
		// Run again, they do nothing.
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV1ToV2::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV2ToV3::<Test>::on_runtime_upgrade(), db().reads(1));
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

/// Tokens stored in the version-2 layout keep their owner (now `Some`), and their hashes are
/// indexed again under their issuer: a record under its organisation, a session under its
/// practitioner. Licences stored so far stay accepted.
#[test]
fn migration_to_v3_keeps_owners_and_indexes_hashes_by_issuer() {
	ExtBuilder::default().build().execute_with(|| {
		let record = record(PATIENT, 1);
		let licence = license_doctor(2, 365);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(3),
			None
		));
		let session = last_id();
		// Write them back as version 2 stored them.
		let mut anchors = Vec::new();
		for id in [record, licence, session] {
			let token = Tokens::<Test>::get(id).unwrap();
			let hash = Versions::<Test>::get(id, 0).unwrap().document.document_hash;
			crate::TokenByHash::<Test>::remove(hash, token.issuer_key());
			v2::TokenByHash::<Test>::insert(hash, (id, 0));
			anchors.push((hash, token.issuer_key(), id));
			let old = v2::TokenInfo {
				details: token.details,
				issuer: token.issuer,
				authority: token.authority,
				owner: token.owner.unwrap(),
				status: token.status,
				valid_until: token.valid_until,
				issued_at: token.issued_at,
				issued_block: token.issued_block,
				versions: token.versions,
			};
			frame_support::storage::unhashed::put_raw(
				&Tokens::<Test>::hashed_key_for(id),
				&old.encode(),
			);
		}
		StorageVersion::new(2).put::<Pallet<Test>>();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		assert_eq!(Tokens::<Test>::get(record).unwrap().owner, Some(PATIENT));
		assert_eq!(Tokens::<Test>::get(licence).unwrap().status, TokenStatus::Active);
		for (hash, issuer, id) in anchors {
			assert_eq!(crate::TokenByHash::<Test>::get(hash, &issuer), Some((id, 0)));
		}
		assert_eq!(
			crate::TokenByHash::<Test>::get(doc(3).document_hash, Issuer::Practitioner(DOCTOR)),
			Some((session, 0))
		);
		HealthTokens::do_try_state().unwrap();
	});
}
