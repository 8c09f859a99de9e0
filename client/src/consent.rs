//! The consent pallet as the client sees it: a readable consent description (flags or a JSON
//! file) turned into the pallet's provisions, its calls, and its runtime API answers as JSON.

use crate::{
	chain::{account_value, option_value, Call, Chain},
	invalid,
	keys::parse_account,
	output::{accounts_to_ss58, value_to_json},
	registry::{Hash32, OrganisationId},
};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};
use subxt::{ext::scale_value::Value, utils::AccountId32};

/// A consent id.
pub type ConsentId = u64;

scale_enum!(
	/// A category of health data (FHIR/HL7-aligned).
	DataCategory {
		/// Clinical notes and documents.
		ClinicalNotes,
		/// Laboratory and diagnostic reports.
		DiagnosticReports,
		/// Imaging.
		Imaging,
		/// Prescriptions and medications.
		Medications,
		/// Immunizations.
		Immunizations,
		/// Allergies.
		Allergies,
		/// Problems and diagnoses.
		Conditions,
		/// Procedures.
		Procedures,
		/// Vital signs.
		VitalSigns,
		/// Care plans.
		CarePlans,
		/// Mental health.
		MentalHealth,
		/// Genetic and genomic data.
		Genomics,
		/// Sexual and reproductive health.
		SexualAndReproductiveHealth,
		/// Substance use.
		SubstanceUse,
		/// HIV/AIDS.
		Hiv,
	}
);

scale_enum!(
	/// What a grantee does with the data.
	Action {
		/// Read it.
		Read,
		/// Write or append to it.
		Write,
		/// Share it with a third party.
		Share,
	}
);

scale_enum!(
	/// Why a grantee uses the data.
	Purpose {
		/// Treatment.
		Treatment,
		/// Payment.
		Payment,
		/// Research.
		Research,
		/// Emergency treatment.
		Emergency,
		/// Healthcare operations.
		Operations,
	}
);

scale_enum!(
	/// The capacity of a representative.
	Capacity {
		/// A guardian.
		Guardian,
		/// A legal representative.
		LegalRepresentative,
	}
);

scale_enum!(
	/// Why a practitioner breaks the glass.
	Justification {
		/// The patient cannot consent.
		PatientUnableToConsent,
		/// A threat to the patient's life or health.
		LifeThreatening,
		/// A threat to others.
		ThreatToOthers,
		/// Another documented emergency.
		Other,
	}
);

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
	/// `category:imaging`) or `token:<id>`.
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

/// Parse a value of a clap value enum by its command-line name (`mental-health`).
fn parse_enum<E: clap::ValueEnum>(what: &str, text: &str) -> Result<E> {
	E::from_str(text, true).map_err(|_| {
		let names: Vec<String> = E::value_variants()
			.iter()
			.filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
			.collect();
		invalid(format!("bad {what} {text:?}: one of {}", names.join(", ")))
	})
}

/// The grantee as a SCALE value: `org:<id>` or an account.
pub fn grantee_value(text: &str) -> Result<Value> {
	if let Some(id) = text.strip_prefix("org:") {
		let id: u32 =
			id.parse().map_err(|_| invalid(format!("bad grantee {text:?}: org:<number>")))?;
		return Ok(Value::unnamed_variant("Organisation", [Value::u128(id.into())]));
	}
	let account = parse_account(text)?;
	Ok(Value::unnamed_variant("Account", [account_value(&account)]))
}

fn period_value(start: u64, end: Option<u64>) -> Value {
	Value::named_composite([
		("start", Value::u128(start.into())),
		("end", option_value(end.map(|end| Value::u128(end.into())))),
	])
}

impl ProvisionSpec {
	/// The sensitive category this provision names on chain, if it names one: a consent is
	/// public, so it tells every reader that this category matters to the patient (the
	/// `sensitive` scope covers them all without naming one).
	pub fn names_sensitive_category(&self) -> Option<DataCategory> {
		let name = self.scope.strip_prefix("category:")?;
		let category = parse_enum::<DataCategory>("category", name).ok()?;
		matches!(
			category,
			DataCategory::MentalHealth
				| DataCategory::Genomics
				| DataCategory::SexualAndReproductiveHealth
				| DataCategory::SubstanceUse
				| DataCategory::Hiv
		)
		.then_some(category)
	}

	/// The provision as a SCALE value; `time` parses the times.
	pub fn to_value(&self, time: &dyn Fn(&str) -> Result<u64>) -> Result<Value> {
		let decision = match self.decision.to_ascii_lowercase().as_str() {
			"permit" => "Permit",
			"deny" => "Deny",
			other => return Err(invalid(format!("bad decision {other:?}: permit or deny"))),
		};
		let scope = match self.scope.split_once(':') {
			None if self.scope == "all" => Value::unnamed_variant("All", []),
			None if self.scope == "sensitive" => Value::unnamed_variant("Sensitive", []),
			Some(("category", name)) => Value::unnamed_variant(
				"Category",
				[parse_enum::<DataCategory>("category", name)?.to_value()],
			),
			Some(("token", id)) => {
				let id: u64 =
					id.parse().map_err(|_| invalid(format!("bad scope {:?}", self.scope)))?;
				Value::unnamed_variant("Token", [Value::u128(id.into())])
			},
			_ => {
				return Err(invalid(format!(
					"bad scope {:?}: all, sensitive, category:<category> or token:<id>",
					self.scope
				)))
			},
		};
		let actions: Vec<Action> =
			self.actions.iter().map(|a| parse_enum("action", a)).collect::<Result<_>>()?;
		let purposes: Vec<Purpose> =
			self.purposes.iter().map(|p| parse_enum("purpose", p)).collect::<Result<_>>()?;
		if actions.is_empty() || purposes.is_empty() {
			return Err(invalid("a provision needs at least one action and one purpose"));
		}
		let has = |action| Value::bool(actions.contains(&action));
		let serves = |purpose| Value::bool(purposes.contains(&purpose));
		let data_period = match (&self.data_from, &self.data_until) {
			(None, None) => None,
			(from, until) => Some(period_value(
				from.as_deref().map(time).transpose()?.unwrap_or(0),
				until.as_deref().map(time).transpose()?,
			)),
		};
		Ok(Value::named_composite([
			("decision", Value::unnamed_variant(decision, [])),
			("scope", scope),
			(
				"actions",
				Value::named_composite([
					("read", has(Action::Read)),
					("write", has(Action::Write)),
					("share", has(Action::Share)),
				]),
			),
			(
				"purposes",
				Value::named_composite([
					("treatment", serves(Purpose::Treatment)),
					("payment", serves(Purpose::Payment)),
					("research", serves(Purpose::Research)),
					("emergency", serves(Purpose::Emergency)),
					("operations", serves(Purpose::Operations)),
				]),
			),
			("data_period", option_value(data_period)),
		]))
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
}

impl RecordScope {
	fn to_value(&self) -> Value {
		Value::named_composite([
			("labels", Value::unnamed_composite(self.labels.iter().map(|l| l.to_value()))),
			("token", option_value(self.token.map(|t| Value::u128(t.into())))),
			("recorded_at", option_value(self.recorded_at.map(|t| Value::u128(t.into())))),
		])
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
	fn to_value(&self) -> Value {
		Value::named_composite([
			("accessor", account_value(&self.accessor)),
			("patient", account_value(&self.patient)),
			("scope", self.scope.to_value()),
			("action", self.action.to_value()),
			("purpose", self.purpose.to_value()),
		])
	}
}

/// What a custodian keeps of an access it recorded, to show the patient: the question in
/// clear, the salt, and where the entry is. The chain holds only the commitment.
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
pub const RECEIPT_FORMAT: &str = "healthchain-access-receipt/1";

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

fn consent_call(name: &'static str, fields: Vec<(&'static str, Value)>) -> Call {
	Call { pallet: "Consent", name, fields }
}

/// The calls of the consent pallet.
pub mod calls {
	use super::*;

	/// `grant(patient, grantee, provisions, period)` from a description.
	pub fn grant(
		patient: &AccountId32,
		spec: &ConsentSpec,
		time: &dyn Fn(&str) -> Result<u64>,
		now: u64,
	) -> Result<Call> {
		if spec.provisions.is_empty() {
			return Err(invalid("a consent needs at least one provision"));
		}
		let provisions =
			spec.provisions.iter().map(|p| p.to_value(time)).collect::<Result<Vec<_>>>()?;
		let start = spec.from.as_deref().map(time).transpose()?.unwrap_or(now);
		let end = spec.until.as_deref().map(time).transpose()?;
		Ok(consent_call(
			"grant",
			vec![
				("patient", account_value(patient)),
				("grantee", grantee_value(&spec.grantee)?),
				("provisions", Value::unnamed_composite(provisions)),
				("period", period_value(start, end)),
			],
		))
	}

	/// A call whose only argument is a consent: `revoke`, `remove`.
	pub fn on_consent(name: &'static str, id: ConsentId) -> Call {
		consent_call(name, vec![("consent", Value::u128(id.into()))])
	}

	/// `appoint_representative(representative, capacity, valid_until,
	/// may_revoke_patient_consents)`.
	pub fn appoint(
		representative: &AccountId32,
		capacity: Capacity,
		until: Option<u64>,
		may_revoke_patient_consents: bool,
	) -> Call {
		consent_call(
			"appoint_representative",
			vec![
				("representative", account_value(representative)),
				("capacity", capacity.to_value()),
				("valid_until", option_value(until.map(|t| Value::u128(t.into())))),
				("may_revoke_patient_consents", Value::bool(may_revoke_patient_consents)),
			],
		)
	}

	/// `record_representative(patient, representative, capacity, valid_until, evidence)`.
	pub fn record(
		patient: &AccountId32,
		representative: &AccountId32,
		capacity: Capacity,
		until: Option<u64>,
		evidence: Hash32,
	) -> Call {
		consent_call(
			"record_representative",
			vec![
				("patient", account_value(patient)),
				("representative", account_value(representative)),
				("capacity", capacity.to_value()),
				("valid_until", option_value(until.map(|t| Value::u128(t.into())))),
				("evidence", evidence.to_value()),
			],
		)
	}

	/// `attest_representative(patient, organisation, representative, evidence)`.
	pub fn attest(
		patient: &AccountId32,
		organisation: OrganisationId,
		representative: &AccountId32,
		evidence: Hash32,
	) -> Call {
		consent_call(
			"attest_representative",
			vec![
				("patient", account_value(patient)),
				("organisation", Value::u128(organisation.into())),
				("representative", account_value(representative)),
				("evidence", evidence.to_value()),
			],
		)
	}

	/// `withdraw_representative_record(patient, organisation)`.
	pub fn withdraw_record(patient: &AccountId32, organisation: OrganisationId) -> Call {
		consent_call(
			"withdraw_representative_record",
			vec![
				("patient", account_value(patient)),
				("organisation", Value::u128(organisation.into())),
			],
		)
	}

	/// `remove_representative(patient, representative)`.
	pub fn remove_representative(patient: &AccountId32, representative: &AccountId32) -> Call {
		consent_call(
			"remove_representative",
			vec![
				("patient", account_value(patient)),
				("representative", account_value(representative)),
			],
		)
	}

	/// `open_emergency_access(patient, justification, duration)`.
	pub fn open_emergency(patient: &AccountId32, justification: Justification, ms: u64) -> Call {
		consent_call(
			"open_emergency_access",
			vec![
				("patient", account_value(patient)),
				("justification", justification.to_value()),
				("duration", Value::u128(ms.into())),
			],
		)
	}

	/// `close_emergency_access(patient, practitioner)`.
	pub fn close_emergency(patient: &AccountId32, practitioner: &AccountId32) -> Call {
		consent_call(
			"close_emergency_access",
			vec![
				("patient", account_value(patient)),
				("practitioner", account_value(practitioner)),
			],
		)
	}

	/// `clear_emergency_access(patient)`.
	pub fn clear_emergency(patient: &AccountId32) -> Call {
		consent_call("clear_emergency_access", vec![("patient", account_value(patient))])
	}

	/// `record_access(patient, accessor, question, decision)`: `question` is the commitment,
	/// `decision` what `check_access` answered (as the chain encoded it).
	pub fn record_access(
		patient: &AccountId32,
		accessor: &AccountId32,
		question: Hash32,
		decision: Value,
	) -> Call {
		consent_call(
			"record_access",
			vec![
				("patient", account_value(patient)),
				("accessor", account_value(accessor)),
				("question", question.to_value()),
				("decision", decision),
			],
		)
	}
}

/// The account fields of the consent pallet's answers.
const ACCOUNT_FIELDS: [&str; 8] = [
	"patient",
	"grantor",
	"accessor",
	"depositor",
	"Account",
	"representative",
	"recorded_by",
	"closed_by",
];

impl Chain {
	async fn consent_api<Args>(&self, method: &str, args: Args) -> Result<Json>
	where
		Args: subxt::ext::frame_decode::storage::IntoEncodableValues,
	{
		let value: Value<()> = self.runtime_api("ConsentApi", method, args, false).await?;
		Ok(json_of(&value))
	}

	/// What `check_access` answers for `question`: as the chain's value (to pass on to
	/// `record_access`) and as JSON. At block number `at`, or at the latest finalized block.
	pub async fn check_access(
		&self,
		question: &AccessQuestion,
		at: Option<u64>,
	) -> Result<(Value<()>, Json)> {
		let args = (
			question.accessor,
			question.patient,
			question.scope.to_value(),
			question.action.to_value(),
			question.purpose.to_value(),
		);
		let value: Value<()> = match at {
			Some(block) => self.runtime_api_at("ConsentApi", "check_access", args, block).await?,
			None => self.runtime_api("ConsentApi", "check_access", args, false).await?,
		};
		let json = json_of(&value);
		Ok((value, json))
	}

	/// The salted commitment to `question` the audit trail stores, computed by the runtime
	/// (`ConsentApi_access_commitment`), so that client and chain cannot disagree on it.
	pub async fn access_commitment(
		&self,
		question: &AccessQuestion,
		salt: &[u8; 32],
	) -> Result<Hash32> {
		let args = (question.to_value(), Value::from_bytes(salt));
		self.runtime_api("ConsentApi", "access_commitment", args, false).await
	}

	/// Whether entry `index` of the patient's trail commits to `question` with `salt`.
	pub async fn audit_entry_matches(
		&self,
		index: u64,
		question: &AccessQuestion,
		salt: &[u8; 32],
	) -> Result<bool> {
		let args = (index, question.to_value(), Value::from_bytes(salt));
		self.runtime_api("ConsentApi", "audit_entry_matches", args, false).await
	}

	/// The representatives providers recorded for the patient, awaiting attestation:
	/// `[{organisation, record}]`.
	pub async fn recorded_representatives_of(&self, patient: &AccountId32) -> Result<Json> {
		let list: Vec<(OrganisationId, Value<()>)> = self
			.runtime_api("ConsentApi", "recorded_representatives_of", (*patient,), false)
			.await?;
		Ok(list
			.iter()
			.map(
				|(organisation, record)| json!({ "organisation": organisation, "record": json_of(record) }),
			)
			.collect())
	}

	/// The patient's consents.
	pub async fn consents_of(&self, patient: &AccountId32) -> Result<Json> {
		let list: Vec<Value<()>> =
			self.runtime_api("ConsentApi", "consents_of", (*patient,), false).await?;
		Ok(Json::Array(list.iter().map(json_of).collect()))
	}

	/// Consent `id`, or `None`.
	pub async fn consent(&self, id: ConsentId) -> Result<Option<Json>> {
		let json = self.consent_api("consent", (id,)).await?;
		Ok((!json.is_null()).then_some(json))
	}

	/// The patient's representatives: `[{representative, appointment, in_force}]`.
	pub async fn representatives_of(&self, patient: &AccountId32) -> Result<Json> {
		let list: Vec<(AccountId32, Value<()>, bool)> =
			self.runtime_api("ConsentApi", "representatives_of", (*patient,), false).await?;
		Ok(list
			.iter()
			.map(|(who, info, in_force)| {
				json!({ "representative": who.to_string(), "appointment": json_of(info), "in_force": in_force })
			})
			.collect())
	}

	/// The patient's emergency grants: `[{practitioner, grant}]`.
	pub async fn emergency_access_of(&self, patient: &AccountId32) -> Result<Json> {
		let list: Vec<(AccountId32, Value<()>)> =
			self.runtime_api("ConsentApi", "emergency_access_of", (*patient,), false).await?;
		Ok(list
			.iter()
			.map(|(who, grant)| json!({ "practitioner": who.to_string(), "grant": json_of(grant) }))
			.collect())
	}

	/// A page of the patient's audit trail: `[{index, entry}]`.
	pub async fn audit_log(&self, patient: &AccountId32, start: u64, limit: u32) -> Result<Json> {
		let list: Vec<(u64, Value<()>)> =
			self.runtime_api("ConsentApi", "audit_log", (*patient, start, limit), false).await?;
		Ok(list
			.iter()
			.map(|(index, entry)| json!({ "index": index, "entry": json_of(entry) }))
			.collect())
	}
}

/// The JSON of one of the pallet's answers, its account fields as SS58.
fn json_of(value: &Value<()>) -> Json {
	let mut json = value_to_json(value);
	accounts_to_ss58(&mut json, &ACCOUNT_FIELDS);
	json
}
