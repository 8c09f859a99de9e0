//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// Version 0 → 1: a session's `Authority::Licence { licence, profession }` became
/// `Authority::Licensed`.
///
/// No chain holds version-0 tokens (healthchain has not launched), so there is nothing
/// to translate: the migration only records the new version. A chain that had version-0 data
/// would need `Tokens::translate` mapping each session's authority to `Licensed`.
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

/// The layout of storage version 1, before a version recorded its depositor.
pub mod v1 {
	use crate::{DocumentRef, Moment, VersionReason};
	use codec::{Decode, Encode};

	/// A token version as version 1 stored it: its deposit was always held from its author.
	#[derive(Encode, Decode)]
	pub struct VersionInfo<AccountId, Balance, BlockNumber> {
		/// The document it anchors.
		pub document: DocumentRef,
		/// Why it was written.
		pub reason: VersionReason,
		/// The account that wrote it and paid its deposit.
		pub author: AccountId,
		/// The deposit held from `author`.
		pub deposit: Balance,
		/// The token's valid-until time as of this version.
		pub valid_until: Option<Moment>,
		/// When it was written (Unix milliseconds).
		pub written_at: Moment,
		/// The block in which it was written.
		pub block: BlockNumber,
	}
}

/// Version 1 → 2: a version records its depositor (the account its deposit is held from,
/// which `change_deposit_owner` can change), which version 1 did not because it was always
/// the author. Every stored version is rewritten with its author as its depositor; holds are
/// unchanged.
///
/// One read and one write per stored version, in the upgrade block: fine for the
/// consortium's pre-launch chains; a chain with more versions than a block can rewrite would
/// need it as a multi-block migration (`pallet-migrations`).
pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::traits::Get;
		type OldVersion<T> = v1::VersionInfo<
			<T as frame_system::Config>::AccountId,
			crate::BalanceOf<T>,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		>;
		let mut count = 0u64;
		crate::Versions::<T>::translate::<OldVersion<T>, _>(|_, _, old| {
			count = count.saturating_add(1);
			Some(crate::VersionInfo {
				document: old.document,
				reason: old.reason,
				depositor: old.author.clone(),
				author: old.author,
				deposit: old.deposit,
				valid_until: old.valid_until,
				written_at: old.written_at,
				block: old.block,
			})
		});
		T::DbWeight::get().reads_writes(count, count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		// Keys only: the values are still in the old layout.
		let keys = crate::Versions::<T>::iter_keys();
		Ok((keys.count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let mut after = 0u64;
		for (_, _, version) in crate::Versions::<T>::iter() {
			frame_support::ensure!(version.depositor == version.author, "depositor not the author");
			after = after.saturating_add(1);
		}
		frame_support::ensure!(before == after, "a version was lost in the migration");
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

/// The layout of storage version 2, before a refused token could name no owner and before
/// hashes were indexed by issuer.
// `storage_alias` writes an undocumented prefix type.
#[allow(missing_docs)]
pub mod v2 {
	use crate::{Authority, Config, Moment, Pallet, TokenDetails, TokenId, TokenStatus};
	use codec::{Decode, Encode};
	use frame_support::{storage_alias, Blake2_128Concat};
	use sp_core::H256;

	/// A token as version 2 stored it: it always had an owner.
	#[derive(Encode, Decode)]
	pub struct TokenInfo<AccountId, BlockNumber> {
		/// The class, with what only that class records.
		pub details: TokenDetails,
		/// The issuing account.
		pub issuer: AccountId,
		/// What authorized it.
		pub authority: Authority,
		/// The owner.
		pub owner: AccountId,
		/// The stored status.
		pub status: TokenStatus,
		/// Until when it is in force.
		pub valid_until: Option<Moment>,
		/// When it was issued.
		pub issued_at: Moment,
		/// The block it was issued in.
		pub issued_block: BlockNumber,
		/// How many versions it has.
		pub versions: u32,
	}

	/// Version 2's hash index: one version per hash, chain wide.
	#[storage_alias]
	pub type TokenByHash<T: Config> = StorageMap<Pallet<T>, Blake2_128Concat, H256, (TokenId, u32)>;
}

/// Version 2 → 3: a token's owner is optional (`None` once refused), and document hashes are
/// indexed by (hash, issuer) instead of chain wide. Every token is rewritten with its owner;
/// every hash index entry is drained and written again under its token's issuer (its
/// organisation, or a session's practitioner). Licences stored so far were in force from
/// issuance and stay accepted.
///
/// One read and one or two writes per token and per hash, in the upgrade block: fine for the
/// consortium's pre-launch chains; a larger chain would need a multi-block migration.
pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::traits::Get;
		type OldToken<T> = v2::TokenInfo<
			<T as frame_system::Config>::AccountId,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		>;
		let mut count = 0u64;
		crate::Tokens::<T>::translate::<OldToken<T>, _>(|_, old| {
			count = count.saturating_add(1);
			Some(crate::TokenInfo {
				details: old.details,
				issuer: old.issuer,
				authority: old.authority,
				owner: Some(old.owner),
				status: old.status,
				valid_until: old.valid_until,
				issued_at: old.issued_at,
				issued_block: old.issued_block,
				versions: old.versions,
			})
		});
		// Every old key drained first: the same storage prefix holds both layouts.
		let hashes: alloc::vec::Vec<_> = v2::TokenByHash::<T>::drain().collect();
		for (hash, (id, index)) in hashes {
			count = count.saturating_add(1);
			if let Some(token) = crate::Tokens::<T>::get(id) {
				crate::TokenByHash::<T>::insert(hash, token.issuer_key(), (id, index));
			}
		}
		T::DbWeight::get().reads_writes(count.saturating_mul(2), count.saturating_mul(2))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		// Keys only: the values are still in the old layout.
		let tokens = crate::Tokens::<T>::iter_keys().count() as u64;
		let hashes = v2::TokenByHash::<T>::iter_keys().count() as u64;
		Ok((tokens, hashes).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = <(u64, u64)>::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let mut tokens = 0u64;
		for (_, token) in crate::Tokens::<T>::iter() {
			frame_support::ensure!(token.owner.is_some(), "a migrated token lost its owner");
			tokens = tokens.saturating_add(1);
		}
		let hashes = crate::TokenByHash::<T>::iter().count() as u64;
		frame_support::ensure!(before == (tokens, hashes), "a token or hash was lost");
		Pallet::<T>::do_try_state()
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
