//! What the chain answers about consents: access decisions, the audit trail, a patient's
//! consents, representatives and emergency grants.

use super::*;
use crate::chain::{Answer, Pages, Style};

impl Chain {
	/// What `check_access` answers for `question`, at block number `at` or at the latest
	/// finalized block: the decision (to pass on to `record_access`), printable as JSON.
	pub async fn check_access(
		&self,
		question: &AccessQuestion,
		at: Option<u64>,
	) -> Result<Answer<AccessDecision>> {
		let q = question.to_runtime();
		let apis = api::runtime_apis().consent_api();
		let block = match at {
			Some(number) => self.at_number(number).await?,
			None => self.at(false).await?,
		};
		if question.scope.openings.is_empty() {
			// Version 4's call: what a runtime before committed scopes answers too.
			let payload = apis.check_access(q.accessor, q.patient, q.scope, q.action, q.purpose);
			return Self::answer(block, payload).await;
		}
		let openings = question.scope.openings.iter().map(openings::Opening::to_runtime).collect();
		let payload =
			apis.check_access_opened(q.accessor, q.patient, q.scope, q.action, q.purpose, openings);
		Self::answer(block, payload).await
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

	/// The representatives providers recorded for the patient, awaiting attestation, read page
	/// by page: each `(organisation, record)` (`{organisation, record}` in JSON).
	pub async fn recorded_representatives_of(
		&self,
		patient: &AccountId32,
	) -> Result<Pages<RecordedPage>> {
		let api = api::runtime_apis().consent_api();
		let pages = self
			.runtime_api_pages(
				|cursor| api.recorded_representatives_of(*patient, cursor, 100),
				false,
			)
			.await?;
		Ok(pages.styled(Style::named(&["organisation", "record"])))
	}

	/// The patient's consents.
	pub async fn consents_of(&self, patient: &AccountId32) -> Result<Answer<Vec<ConsentView>>> {
		let payload = api::runtime_apis().consent_api().consents_of(*patient);
		self.runtime_api_answer(payload, false).await
	}

	/// Consent `id`, if there is one.
	pub async fn consent(&self, id: ConsentId) -> Result<Answer<Option<ConsentView>>> {
		let payload = api::runtime_apis().consent_api().consent(id);
		self.runtime_api_answer(payload, false).await
	}

	/// The patient's representatives: each `(representative, appointment, in_force)`
	/// (`{representative, appointment, in_force}` in JSON).
	pub async fn representatives_of(
		&self,
		patient: &AccountId32,
	) -> Result<Answer<Vec<(AccountId32, Appointment, bool)>>> {
		let payload = api::runtime_apis().consent_api().representatives_of(*patient);
		let answer = self.runtime_api_answer(payload, false).await?;
		Ok(answer.styled(Style::named(&["representative", "appointment", "in_force"])))
	}

	/// The patient's emergency grants, read page by page: each `(practitioner, grant)`
	/// (`{practitioner, grant}` in JSON).
	pub async fn emergency_access_of(&self, patient: &AccountId32) -> Result<Pages<EmergencyPage>> {
		let api = api::runtime_apis().consent_api();
		let pages = self
			.runtime_api_pages(|cursor| api.emergency_access_of(*patient, cursor, 100), false)
			.await?;
		Ok(pages.styled(Style::named(&["practitioner", "grant"])))
	}

	/// A page of the patient's audit trail: each `(index, entry)` (`{index, entry}` in JSON).
	pub async fn audit_log(
		&self,
		patient: &AccountId32,
		start: u64,
		limit: u32,
	) -> Result<Answer<Vec<(u64, AuditEntry)>>> {
		let payload = api::runtime_apis().consent_api().audit_log(*patient, start, limit);
		let answer = self.runtime_api_answer(payload, false).await?;
		Ok(answer.styled(Style::named(&["index", "entry"])))
	}
}
