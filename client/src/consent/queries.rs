//! What the chain answers about consents: access decisions, the audit trail, a patient's
//! consents, representatives and emergency grants.

use super::*;

impl Chain {
	/// What `check_access` answers for `question`: typed (to pass on to `record_access`) and
	/// as JSON. At block number `at`, or at the latest finalized block.
	pub async fn check_access(
		&self,
		question: &AccessQuestion,
		at: Option<u64>,
	) -> Result<(AccessDecision, Json)> {
		let q = question.to_runtime();
		let apis = api::runtime_apis().consent_api();
		let block = match at {
			Some(number) => self.at_number(number).await?,
			None => self.at(false).await?,
		};
		if question.scope.openings.is_empty() {
			// Version 4's call: what a runtime before committed scopes answers too.
			let payload = apis.check_access(q.accessor, q.patient, q.scope, q.action, q.purpose);
			return Self::rendered(block, payload, Case::AsDeclared).await;
		}
		let openings = question.scope.openings.iter().map(openings::Opening::to_runtime).collect();
		let payload =
			apis.check_access_opened(q.accessor, q.patient, q.scope, q.action, q.purpose, openings);
		Self::rendered(block, payload, Case::AsDeclared).await
	}

	/// The salted commitment to `question` and `decision` the audit trail stores, computed by
	/// the runtime (`ConsentApi_access_commitment`), so that client and chain cannot disagree on
	/// it.
	pub async fn access_commitment(
		&self,
		question: &AccessQuestion,
		decision: AccessDecision,
		salt: &[u8; 32],
	) -> Result<Hash32> {
		let payload = api::runtime_apis().consent_api().access_commitment(
			question.to_runtime(),
			decision,
			*salt,
		);
		Ok(self.runtime_api(payload, false).await?.into())
	}

	/// Whether entry `index` of the patient's trail commits to `question` and `decision` with
	/// `salt`.
	pub async fn audit_entry_matches(
		&self,
		index: u64,
		question: &AccessQuestion,
		decision: AccessDecision,
		salt: &[u8; 32],
	) -> Result<bool> {
		let payload = api::runtime_apis().consent_api().audit_entry_matches(
			index,
			question.to_runtime(),
			decision,
			*salt,
		);
		self.runtime_api(payload, false).await
	}

	/// The representatives providers recorded for the patient, awaiting attestation:
	/// `[{organisation, record}]`, read page by page.
	pub async fn recorded_representatives_of(&self, patient: &AccountId32) -> Result<Json> {
		let api = api::runtime_apis().consent_api();
		let (_, json) = self
			.runtime_api_all_pages(
				|cursor| api.recorded_representatives_of(*patient, cursor, 100),
				false,
				Case::AsDeclared,
			)
			.await?;
		Ok(name_tuples(Json::Array(json), &["organisation", "record"]))
	}

	/// The patient's consents.
	pub async fn consents_of(&self, patient: &AccountId32) -> Result<Json> {
		let payload = api::runtime_apis().consent_api().consents_of(*patient);
		self.runtime_api_json(payload, false, Case::AsDeclared).await
	}

	/// Consent `id`, or `None`.
	pub async fn consent(&self, id: ConsentId) -> Result<Option<Json>> {
		let payload = api::runtime_apis().consent_api().consent(id);
		let json = self.runtime_api_json(payload, false, Case::AsDeclared).await?;
		Ok((!json.is_null()).then_some(json))
	}

	/// The patient's representatives: `[{representative, appointment, in_force}]`.
	pub async fn representatives_of(&self, patient: &AccountId32) -> Result<Json> {
		let payload = api::runtime_apis().consent_api().representatives_of(*patient);
		let json = self.runtime_api_json(payload, false, Case::AsDeclared).await?;
		Ok(name_tuples(json, &["representative", "appointment", "in_force"]))
	}

	/// The patient's emergency grants: `[{practitioner, grant}]`, read page by page.
	pub async fn emergency_access_of(&self, patient: &AccountId32) -> Result<Json> {
		let api = api::runtime_apis().consent_api();
		let (_, json) = self
			.runtime_api_all_pages(
				|cursor| api.emergency_access_of(*patient, cursor, 100),
				false,
				Case::AsDeclared,
			)
			.await?;
		Ok(name_tuples(Json::Array(json), &["practitioner", "grant"]))
	}

	/// A page of the patient's audit trail: `[{index, entry}]`.
	pub async fn audit_log(&self, patient: &AccountId32, start: u64, limit: u32) -> Result<Json> {
		let payload = api::runtime_apis().consent_api().audit_log(*patient, start, limit);
		let json = self.runtime_api_json(payload, false, Case::AsDeclared).await?;
		Ok(name_tuples(json, &["index", "entry"]))
	}
}
