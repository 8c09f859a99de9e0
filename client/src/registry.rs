//! The registry pallet as the client sees it: typed views of its runtime API answers and
//! builders of its calls.

use crate::chain::{account_value, Call, Chain};
use anyhow::Result;
use serde::{Serialize, Serializer};
use subxt::{
	ext::{scale_decode::DecodeAsType, scale_value::Value},
	utils::AccountId32,
};

/// An organisation id.
pub type OrganisationId = u32;

scale_enum!(
	/// What kind of legal entity an organisation is.
	OrganisationKind {
		/// A hospital.
		Hospital,
		/// A clinic or practice.
		Clinic,
		/// A medical or diagnostic laboratory.
		Laboratory,
		/// A manufacturer of medicines or devices.
		Manufacturer,
		/// A wholesale distributor.
		Distributor,
		/// A pharmacy.
		Pharmacy,
		/// A health insurer.
		Insurer,
		/// A body that licenses practitioners.
		LicensingBoard,
		/// A regulator.
		Regulator,
		/// An organ procurement organisation.
		OrganProcurementOrganisation,
		/// A transplant centre.
		TransplantCentre,
		/// A sponsor of clinical trials.
		TrialSponsor,
		/// A research institute.
		ResearchInstitute,
	}
);

scale_enum!(
	/// A role the consortium accredits organisations for.
	Role {
		/// Provides care and issues medical records.
		Provider,
		/// Issues test results and certificates.
		Laboratory,
		/// Licenses practitioners.
		LicensingBoard,
		/// Manufactures drug batches.
		Manufacturer,
		/// Distributes drug batches.
		Distributor,
		/// Dispenses drugs.
		Dispenser,
		/// Attests insurance coverage.
		Insurer,
		/// Supervises a domain.
		Regulator,
		/// Procures organs.
		OrganProcurement,
		/// Transplants organs.
		TransplantCentre,
		/// Sponsors clinical trials.
		TrialSponsor,
		/// Uses research datasets.
		Researcher,
		/// Holds patients' records off chain.
		DataCustodian,
	}
);

scale_enum!(
	/// Whether an organisation is suspended.
	OrganisationStatus {
		/// Active.
		Active,
		/// Suspended by the consortium.
		Suspended,
	}
);

scale_enum!(
	/// Whether an accreditation is suspended.
	AccreditationStatus {
		/// Active until its end.
		Active,
		/// Suspended by the consortium.
		Suspended,
	}
);

scale_enum!(
	/// An accreditation's status now.
	AccreditationEffectiveStatus {
		/// It authorizes now.
		Active,
		/// It is suspended.
		Suspended,
		/// It has expired.
		Expired,
	}
);

scale_enum!(
	/// Why an account may not act in a role now.
	AccreditationError {
		/// The account acts for no organisation.
		NotAnAgent,
		/// Its organisation is suspended.
		OrganisationSuspended,
		/// The organisation is not accredited for the role.
		NotAccredited,
		/// The accreditation is suspended.
		Suspended,
		/// The accreditation has expired.
		Expired,
	}
);

/// A 32-byte hash, shown as `0x…` hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Hash32(pub [u8; 32]);

impl core::fmt::Display for Hash32 {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "0x{}", hex::encode(self.0))
	}
}

impl Serialize for Hash32 {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_str(self)
	}
}

impl<'de> serde::Deserialize<'de> for Hash32 {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		text.parse().map_err(|e: anyhow::Error| serde::de::Error::custom(e.to_string()))
	}
}

impl std::str::FromStr for Hash32 {
	type Err = anyhow::Error;
	fn from_str(text: &str) -> Result<Self> {
		let hex = text.strip_prefix("0x").unwrap_or(text);
		let bytes = hex::decode(hex)
			.map_err(|_| crate::invalid(format!("bad hash {text:?}: invalid hex")))?;
		let bytes: [u8; 32] = bytes
			.try_into()
			.map_err(|_| crate::invalid(format!("bad hash {text:?}: a hash has 32 bytes")))?;
		Ok(Hash32(bytes))
	}
}

impl Hash32 {
	/// The SHA-256 digest of `data` (so that `sha256sum` reproduces it).
	pub fn sha256(data: &[u8]) -> Self {
		use sha2::Digest;
		Hash32(sha2::Sha256::digest(data).into())
	}

	/// The hash as a SCALE value (`H256`), to pass to a call or a runtime API.
	pub fn to_value(self) -> Value {
		Value::unnamed_composite([Value::from_bytes(self.0)])
	}
}

/// A registered organisation, as `RegistryApi_organisation` returns it.
#[derive(Debug, Serialize, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Organisation {
	/// What kind of entity it is.
	pub kind: OrganisationKind,
	/// Its admin account.
	pub admin: AccountId32,
	/// Hash of its public profile.
	pub profile_hash: Hash32,
	/// Whether it is suspended.
	pub status: OrganisationStatus,
	/// The block it was registered in.
	pub registered_at: u32,
	/// The registration deposit held from the admin.
	pub deposit: u128,
	/// Agents besides the admin.
	pub agents: u32,
}

/// One accreditation, as `RegistryApi_accreditations` returns it.
#[derive(Debug, Serialize, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Accreditation {
	/// The role.
	pub role: Role,
	/// Until when (Unix milliseconds, exclusive).
	pub valid_until: u64,
	/// Stored status.
	pub status: AccreditationStatus,
	/// Status now, expiry included.
	pub effective: AccreditationEffectiveStatus,
	/// The block it was granted in.
	pub granted_at: u32,
}

/// Everything the registry knows of one organisation.
#[derive(Debug, Serialize)]
pub struct OrganisationReport {
	/// Its id.
	pub id: OrganisationId,
	/// The organisation.
	#[serde(flatten)]
	pub organisation: Organisation,
	/// Its agents, the admin included.
	pub agent_accounts: Vec<AccountId32>,
	/// Its accreditations.
	pub accreditations: Vec<Accreditation>,
}

fn id_value(id: OrganisationId) -> Value {
	Value::u128(id.into())
}

fn registry(name: &'static str, fields: Vec<(&'static str, Value)>) -> Call {
	Call { pallet: "Registry", name, fields }
}

/// The calls of the registry pallet.
pub mod calls {
	use super::*;

	/// `register_organisation(kind, profile_hash)`.
	pub fn register(kind: OrganisationKind, profile_hash: Hash32) -> Call {
		registry(
			"register_organisation",
			vec![("kind", kind.to_value()), ("profile_hash", profile_hash.to_value())],
		)
	}

	/// `update_profile(organisation, profile_hash)`.
	pub fn update_profile(id: OrganisationId, profile_hash: Hash32) -> Call {
		registry(
			"update_profile",
			vec![("organisation", id_value(id)), ("profile_hash", profile_hash.to_value())],
		)
	}

	/// `add_agent(organisation, agent)`: an invitation the agent accepts.
	pub fn add_agent(id: OrganisationId, agent: &AccountId32) -> Call {
		registry("add_agent", vec![("organisation", id_value(id)), ("agent", account_value(agent))])
	}

	/// A call whose only argument is an organisation: `accept_invitation`,
	/// `leave_organisation`, `deregister_organisation`.
	pub fn on_organisation(name: &'static str, id: OrganisationId) -> Call {
		registry(name, vec![("organisation", id_value(id))])
	}

	/// `remove_agent(organisation, agent)`.
	pub fn remove_agent(id: OrganisationId, agent: &AccountId32) -> Call {
		registry(
			"remove_agent",
			vec![("organisation", id_value(id)), ("agent", account_value(agent))],
		)
	}

	/// `grant_accreditation(organisation, role, valid_until)` (consortium).
	pub fn grant(id: OrganisationId, role: Role, valid_until: u64) -> Call {
		registry(
			"grant_accreditation",
			vec![
				("organisation", id_value(id)),
				("role", role.to_value()),
				("valid_until", Value::u128(valid_until.into())),
			],
		)
	}

	/// `renew_accreditation(organisation, role, valid_until)` (consortium).
	pub fn renew(id: OrganisationId, role: Role, valid_until: u64) -> Call {
		let mut call = grant(id, role, valid_until);
		call.name = "renew_accreditation";
		call
	}

	/// `suspend_accreditation`, or `suspend_organisation` without a role (consortium).
	pub fn suspend(id: OrganisationId, role: Option<Role>) -> Call {
		match role {
			Some(role) => registry(
				"suspend_accreditation",
				vec![("organisation", id_value(id)), ("role", role.to_value())],
			),
			None => registry("suspend_organisation", vec![("organisation", id_value(id))]),
		}
	}

	/// `reinstate_accreditation`, or `reinstate_organisation` without a role (consortium).
	pub fn reinstate(id: OrganisationId, role: Option<Role>) -> Call {
		match role {
			Some(role) => registry(
				"reinstate_accreditation",
				vec![("organisation", id_value(id)), ("role", role.to_value())],
			),
			None => registry("reinstate_organisation", vec![("organisation", id_value(id))]),
		}
	}

	/// `revoke_accreditation(organisation, role)` (consortium).
	pub fn revoke(id: OrganisationId, role: Role) -> Call {
		registry(
			"revoke_accreditation",
			vec![("organisation", id_value(id)), ("role", role.to_value())],
		)
	}
}

/// How a consortium call reaches the consortium origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Via {
	/// Wrapped in `Sudo::sudo` (development and test networks).
	Sudo,
	/// Proposed to the consortium council with a 2/3 threshold; executed at once when the
	/// threshold is one (a council of one), otherwise the members vote — the proposer too: a
	/// proposal is not a vote — and anyone closes it (`healthchain council`).
	Council,
}

/// Wrap a consortium call so that it reaches the consortium origin `via`.
pub async fn consortium(chain: &Chain, call: Call, via: Via) -> Result<Call> {
	let inner = call.into_runtime_call();
	Ok(match via {
		Via::Sudo => Call { pallet: "Sudo", name: "sudo", fields: vec![("call", inner)] },
		Via::Council => {
			let members = chain.council_members().await?;
			// Two thirds, rounded up.
			let threshold = (2 * members.len()).div_ceil(3).max(1) as u128;
			Call {
				pallet: "Council",
				name: "propose",
				fields: vec![
					("threshold", Value::u128(threshold)),
					("proposal", inner),
					("length_bound", Value::u128(PROPOSAL_LENGTH_BOUND.into())),
				],
			}
		},
	})
}

/// The most bytes a proposal the client makes can take.
pub const PROPOSAL_LENGTH_BOUND: u32 = 4096;

impl Chain {
	/// The members of the consortium council.
	pub async fn council_members(&self) -> Result<Vec<AccountId32>> {
		self.storage_value::<Vec<AccountId32>>("Council", "Members").await
	}

	/// Organisation `id` with its agents and accreditations, or `None` if it is not registered.
	pub async fn organisation(
		&self,
		id: OrganisationId,
		best: bool,
	) -> Result<Option<OrganisationReport>> {
		let Some(organisation) = self
			.runtime_api::<_, Option<Organisation>>("RegistryApi", "organisation", (id,), best)
			.await?
		else {
			return Ok(None);
		};
		let agent_accounts = self.runtime_api("RegistryApi", "agents", (id,), best).await?;
		let accreditations = self.runtime_api("RegistryApi", "accreditations", (id,), best).await?;
		Ok(Some(OrganisationReport { id, organisation, agent_accounts, accreditations }))
	}

	/// The organisation `who` acts for, if any.
	pub async fn organisation_of(
		&self,
		who: &AccountId32,
		best: bool,
	) -> Result<Option<OrganisationId>> {
		self.runtime_api("RegistryApi", "organisation_of", (*who,), best).await
	}

	/// For which organisation `who` may act in `role` now, or why not.
	pub async fn check_role(
		&self,
		who: &AccountId32,
		role: Role,
		best: bool,
	) -> Result<Result<OrganisationId, AccreditationError>> {
		self.runtime_api("RegistryApi", "check_role", (*who, role), best).await
	}
}
