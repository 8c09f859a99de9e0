//! Runtime API of the accreditation registry, for wallets, clients and off-chain services.
//!
//! Call it with `state_call` (e.g. `RegistryApi_check_role`) or through the `healthchain`
//! client (`healthchain registry show`, `healthchain registry check`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use healthchain_primitives::{AccreditationError, OrganisationId, Role};
pub use pallet_registry::{AccreditationView, OrganisationInfo};

sp_api::decl_runtime_apis! {
	/// Queries of the accreditation registry.
	pub trait RegistryApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The organisation `id`, if it is registered.
		fn organisation(id: OrganisationId) -> Option<OrganisationInfo<AccountId, Balance, BlockNumber>>;
		/// The accounts acting for organisation `id`, its admin included.
		fn agents(id: OrganisationId) -> Vec<AccountId>;
		/// The accreditations of organisation `id`, each with its status at this block's time.
		fn accreditations(id: OrganisationId) -> Vec<AccreditationView<BlockNumber>>;
		/// The organisation `who` acts for, if any.
		fn organisation_of(who: AccountId) -> Option<OrganisationId>;
		/// The organisation for which `who` may act in `role` now, or why not.
		fn check_role(who: AccountId, role: Role) -> Result<OrganisationId, AccreditationError>;
	}
}
