//! The consent pallet as the client sees it: a readable consent description (flags or a JSON
//! file) turned into the pallet's provisions, its calls, and its runtime API answers as JSON.

use crate::{
	chain::{account_value, option_value, Call, Chain},
	invalid,
	keys::parse_account,
	output::{accounts_to_ss58, value_to_json},
};
use anyhow::Result;
use serde::Deserialize;
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
	/// `all`, `category:<category>` (e.g. `category:mental-health`) or `token:<id>`.
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
	/// The provision as a SCALE value; `time` parses the times.
	pub fn to_value(&self, time: &dyn Fn(&str) -> Result<u64>) -> Result<Value> {
		let decision = match self.decision.to_ascii_lowercase().as_str() {
			"permit" => "Permit",
			"deny" => "Deny",
			other => return Err(invalid(format!("bad decision {other:?}: permit or deny"))),
		};
		let scope = match self.scope.split_once(':') {
			None if self.scope == "all" => Value::unnamed_variant("All", []),
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
					"bad scope {:?}: all, category:<category> or token:<id>",
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

/// The record an access is about, as the custodian describes it.
#[derive(Debug, Clone, Copy)]
pub struct RecordScope {
	/// Its category.
	pub category: DataCategory,
	/// Its health token, if any.
	pub token: Option<u64>,
	/// When it was made (Unix ms), if known.
	pub recorded_at: Option<u64>,
}

impl RecordScope {
	fn to_value(self) -> Value {
		Value::named_composite([
			("category", self.category.to_value()),
			("token", option_value(self.token.map(|t| Value::u128(t.into())))),
			("recorded_at", option_value(self.recorded_at.map(|t| Value::u128(t.into())))),
		])
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

	/// `appoint_representative(representative, capacity, valid_until)`.
	pub fn appoint(representative: &AccountId32, capacity: Capacity, until: Option<u64>) -> Call {
		consent_call(
			"appoint_representative",
			vec![
				("representative", account_value(representative)),
				("capacity", capacity.to_value()),
				("valid_until", option_value(until.map(|t| Value::u128(t.into())))),
			],
		)
	}

	/// `record_representative(patient, representative, capacity, valid_until)`.
	pub fn record(
		patient: &AccountId32,
		representative: &AccountId32,
		capacity: Capacity,
		until: Option<u64>,
	) -> Call {
		let mut call = appoint(representative, capacity, until);
		call.name = "record_representative";
		call.fields.insert(0, ("patient", account_value(patient)));
		call
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

	/// `close_emergency_access(patient)`.
	pub fn close_emergency(patient: &AccountId32) -> Call {
		consent_call("close_emergency_access", vec![("patient", account_value(patient))])
	}

	/// `record_access(patient, accessor, scope, action, purpose)`.
	pub fn record_access(
		patient: &AccountId32,
		accessor: &AccountId32,
		scope: RecordScope,
		action: Action,
		purpose: Purpose,
	) -> Call {
		consent_call(
			"record_access",
			vec![
				("patient", account_value(patient)),
				("accessor", account_value(accessor)),
				("scope", scope.to_value()),
				("action", action.to_value()),
				("purpose", purpose.to_value()),
			],
		)
	}
}

/// The account fields of the consent pallet's answers.
const ACCOUNT_FIELDS: [&str; 5] = ["patient", "grantor", "accessor", "depositor", "Account"];

impl Chain {
	async fn consent_api<Args>(&self, method: &str, args: Args) -> Result<Json>
	where
		Args: subxt::ext::frame_decode::storage::IntoEncodableValues,
	{
		let value: Value<()> = self.runtime_api("ConsentApi", method, args, false).await?;
		Ok(json_of(&value))
	}

	/// What `check_access` answers.
	pub async fn check_access(
		&self,
		grantee: &AccountId32,
		patient: &AccountId32,
		scope: RecordScope,
		action: Action,
		purpose: Purpose,
	) -> Result<Json> {
		let args = (*grantee, *patient, scope.to_value(), action.to_value(), purpose.to_value());
		self.consent_api("check_access", args).await
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
