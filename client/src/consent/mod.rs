//! The consent pallet as the client sees it: a readable consent description (flags or a JSON
//! file) turned into the pallet's provisions and its calls, and its runtime API answers, typed.

use crate::{
	call::ConsentCall,
	chain::Chain,
	hash::Hash32,
	invalid,
	keys::parse_account,
	registry::OrganisationId,
	runtime::api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_consent::types::{
				AccessDecision, Actions, Grantee, Period, Provision, Purposes, Scope,
			},
		},
	},
};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use subxt::utils::AccountId32;

pub use crate::runtime::api::runtime_types::pallet_consent::types::{
	Capacity, Decision, Justification,
};
pub use healthchain_primitives::{Action, DataCategory, Purpose};

/// A consent id.
pub type ConsentId = u64;

/// The capacities a representative may be appointed or recorded in (`Patient` is the patient's
/// own, not a representative's).
pub const NOT_A_REPRESENTATIVE: &[Capacity] = &[Capacity::Patient];

/// The runtime's question of whom an access is about, and what (`AccessQuestion`).
pub type RuntimeQuestion = api::runtime_types::pallet_consent::types::AccessQuestion<AccountId32>;

/// The runtime's record scope.
pub type RuntimeRecordScope = api::runtime_types::pallet_consent::types::RecordScope;

use api::runtime_types::{healthchain_primitives::Page, pallet_consent::types as generated};

/// A consent with its status now, as the chain answers it.
pub type ConsentView = generated::ConsentView<AccountId32, u128, u32>;
/// A representative's appointment, as the chain answers it.
pub type Appointment = generated::RepresentativeInfo<AccountId32, u128>;
/// A representative a provider recorded, awaiting attestation.
pub type RecordedRepresentative = generated::RecordedRepresentative<AccountId32, u128>;
/// A page of the representatives providers recorded for a patient.
pub type RecordedPage = Page<(OrganisationId, RecordedRepresentative), OrganisationId>;
/// An emergency grant to a patient's records.
pub type EmergencyGrant = generated::EmergencyGrant<AccountId32, u128, u32>;
/// A page of a patient's emergency grants.
pub type EmergencyPage = Page<(AccountId32, EmergencyGrant), AccountId32>;
/// An entry of a patient's audit trail.
pub type AuditEntry = generated::AccessRecord<AccountId32, u128, u32>;

/// A consent as a person describes it: in a JSON file, or built from command-line flags.
///
/// ```json
/// { "grantee": "org:0", "from": "+0s", "until": "+365d",
///   "provisions": [
///     { "decision": "permit", "scope": "all", "actions": ["read"], "purposes": ["treatment"] },
///     { "decision": "deny", "scope": "category:mental-health", "actions": ["read", "share"],
///       "purposes": ["treatment", "research"] } ] }
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentSpec {
	/// An address, a dev name, or `org:<id>` for every agent of an organisation.
	pub grantee: String,
	/// When it starts (Unix ms or `+<n><s|m|h|d>`); default: now.
	#[serde(default)]
	pub from: Option<String>,
	/// When it ends; default: never.
	#[serde(default)]
	pub until: Option<String>,
	/// Its rules; a deny overrides every permit.
	pub provisions: Vec<ProvisionSpec>,
}

/// One rule of a [`ConsentSpec`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionSpec {
	/// `permit` or `deny`.
	pub decision: String,
	/// `all`, `sensitive` (every sensitive category, naming none), `category:<category>` (e.g.
	/// `category:imaging`), `committed:<category>` (a salted commitment to the category: the
	/// chain shows no category; see [`openings`]) or `token:<id>`.
	pub scope: String,
	/// Some of `read`, `write`, `share`.
	pub actions: Vec<String>,
	/// Some of `treatment`, `payment`, `research`, `emergency`, `operations`.
	pub purposes: Vec<String>,
	/// Only records dated from this time (Unix ms or `+…`/`-…` from now).
	#[serde(default)]
	pub data_from: Option<String>,
	/// Only records dated before this time.
	#[serde(default)]
	pub data_until: Option<String>,
}

/// The category named `name` (`mental-health`, in any case).
pub(crate) fn parse_category(name: &str) -> Result<DataCategory> {
	parse_primitive("category", name)
}

/// The value of a field-less enum of `healthchain-primitives` named `text` (kebab case, in any
/// case), or why not.
fn parse_primitive<T>(what: &str, text: &str) -> Result<T>
where
	T: scale_info::TypeInfo + codec::Decode + PartialEq + Clone + Send + Sync + 'static,
{
	crate::cli::parse_primitive(what, &text.to_ascii_lowercase()).map_err(invalid)
}

/// The grantee: `org:<id>` or an account.
pub fn grantee(text: &str) -> Result<Grantee<AccountId32>> {
	if let Some(id) = text.strip_prefix("org:") {
		let id: u32 =
			id.parse().map_err(|_| invalid(format!("bad grantee {text:?}: org:<number>")))?;
		return Ok(Grantee::Organisation(id));
	}
	Ok(Grantee::Account(parse_account(text)?))
}

impl ConsentSpec {
	/// The `grant(patient, grantee, provisions, period)` call this description makes: `time`
	/// reads its times, `now` is the start when it names none.
	pub fn grant(
		&self,
		patient: &AccountId32,
		time: &dyn Fn(&str) -> Result<u64>,
		now: u64,
	) -> Result<ConsentCall> {
		if self.provisions.is_empty() {
			return Err(invalid("a consent needs at least one provision"));
		}
		let provisions =
			self.provisions.iter().map(|p| p.to_runtime(time)).collect::<Result<Vec<_>>>()?;
		let start = self.from.as_deref().map(time).transpose()?.unwrap_or(now);
		let end = self.until.as_deref().map(time).transpose()?;
		Ok(ConsentCall::grant {
			patient: *patient,
			grantee: grantee(&self.grantee)?,
			provisions: BoundedVec(provisions),
			period: Period { start, end },
		})
	}
}

impl ProvisionSpec {
	/// The sensitive category this provision names on chain, if it names one: a consent is
	/// public, so it tells every reader that this category matters to the patient (the
	/// `sensitive` scope covers them all without naming one).
	pub fn names_sensitive_category(&self) -> Option<DataCategory> {
		let name = self.scope.strip_prefix("category:")?;
		parse_category(name).ok().filter(|category| category.is_sensitive())
	}

	/// The runtime's provision; `time` parses the times.
	pub fn to_runtime(&self, time: &dyn Fn(&str) -> Result<u64>) -> Result<Provision> {
		let decision = match self.decision.to_ascii_lowercase().as_str() {
			"permit" => Decision::Permit,
			"deny" => Decision::Deny,
			other => return Err(invalid(format!("bad decision {other:?}: permit or deny"))),
		};
		let scope =
			match self.scope.split_once(':') {
				None if self.scope == "all" => Scope::All,
				None if self.scope == "sensitive" => Scope::Sensitive,
				Some(("category", name)) => Scope::Category(parse_category(name)?),
				Some(("token", id)) => Scope::Token(
					id.parse().map_err(|_| invalid(format!("bad scope {:?}", self.scope)))?,
				),
				Some(("commitment", hash)) => Scope::Committed(subxt::utils::H256(
					hash.parse::<Hash32>()
						.map_err(|_| invalid(format!("bad scope {:?}", self.scope)))?
						.0,
				)),
				Some(("committed", _)) => return Err(invalid(
					"a committed scope is committed before it is granted (openings::commit_scopes)",
				)),
				_ => {
					return Err(invalid(format!(
					"bad scope {:?}: all, sensitive, category:<category>, committed:<category> \
					 or token:<id>",
					self.scope
				)))
				},
			};
		let actions: Vec<Action> =
			self.actions.iter().map(|a| parse_primitive("action", a)).collect::<Result<_>>()?;
		let purposes: Vec<Purpose> =
			self.purposes.iter().map(|p| parse_primitive("purpose", p)).collect::<Result<_>>()?;
		if actions.is_empty() || purposes.is_empty() {
			return Err(invalid("a provision needs at least one action and one purpose"));
		}
		let data_period = match (&self.data_from, &self.data_until) {
			(None, None) => None,
			(from, until) => Some(Period {
				start: from.as_deref().map(time).transpose()?.unwrap_or(0),
				end: until.as_deref().map(time).transpose()?,
			}),
		};
		Ok(Provision {
			decision,
			scope,
			actions: Actions {
				read: actions.contains(&Action::Read),
				write: actions.contains(&Action::Write),
				share: actions.contains(&Action::Share),
			},
			purposes: Purposes {
				treatment: purposes.contains(&Purpose::Treatment),
				payment: purposes.contains(&Purpose::Payment),
				research: purposes.contains(&Purpose::Research),
				emergency: purposes.contains(&Purpose::Emergency),
				operations: purposes.contains(&Purpose::Operations),
			},
			data_period,
		})
	}
}

/// The record an access is about, as the custodian describes it. It is asked of the chain's
/// `check_access` off chain; on chain, the audit trail holds only a salted commitment to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordScope {
	/// Its sensitivity labels: every category it belongs to (empty: unknown).
	pub labels: Vec<DataCategory>,
	/// Its health token, if the custodian names it.
	pub token: Option<u64>,
	/// When it was made (Unix ms), if known.
	pub recorded_at: Option<u64>,
	/// The openings of the patient's committed scopes the custodian holds (not part of the
	/// question the audit trail commits to: they only let `check_access` see those scopes).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub openings: Vec<openings::Opening>,
}

impl RecordScope {
	/// The runtime's record scope.
	pub fn to_runtime(&self) -> RuntimeRecordScope {
		RuntimeRecordScope {
			labels: BoundedVec(self.labels.clone()),
			token: self.token,
			recorded_at: self.recorded_at,
		}
	}
}

/// The question a custodian asks about an access (the pallet's `AccessQuestion`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessQuestion {
	/// Who accesses.
	pub accessor: AccountId32,
	/// Whose records.
	pub patient: AccountId32,
	/// Which record.
	pub scope: RecordScope,
	/// Which action.
	pub action: Action,
	/// For which purpose.
	pub purpose: Purpose,
}

impl AccessQuestion {
	/// The runtime's question.
	pub fn to_runtime(&self) -> RuntimeQuestion {
		RuntimeQuestion {
			accessor: self.accessor,
			patient: self.patient,
			scope: self.scope.to_runtime(),
			action: self.action,
			purpose: self.purpose,
		}
	}
}

/// What a custodian keeps of an access it recorded, to show the patient: the question in
/// clear, the decision it was given, the salt, and where the entry is. The chain holds only the
/// commitment to the question and the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessReceipt {
	/// [`RECEIPT_FORMAT`].
	pub format: String,
	/// The patient (SS58).
	pub patient: String,
	/// Who accessed (SS58).
	pub accessor: String,
	/// The record.
	pub scope: RecordScope,
	/// The action.
	pub action: Action,
	/// The purpose.
	pub purpose: Purpose,
	/// The decision `check_access` gave (committed to with the question).
	pub decision: AccessDecision,
	/// The salt of the commitment.
	pub salt: Hash32,
	/// The commitment the entry holds.
	pub commitment: Hash32,
	/// The entry's index in the patient's audit trail.
	pub index: u64,
	/// The block that included it.
	pub block: u64,
}

/// The `format` of an access receipt written by this version.
pub const RECEIPT_FORMAT: &str = "healthchain-access-receipt/2";

impl AccessReceipt {
	/// The question it records.
	pub fn question(&self) -> Result<AccessQuestion> {
		Ok(AccessQuestion {
			accessor: parse_account(&self.accessor)?,
			patient: parse_account(&self.patient)?,
			scope: self.scope.clone(),
			action: self.action,
			purpose: self.purpose,
		})
	}
}

pub mod batch;
pub mod openings;

mod queries;
