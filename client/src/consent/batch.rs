//! A custodian's batch of access questions: many questions in one runtime call
//! (`ConsentApi_check_access_batch`), all answered in the state of one block, each as
//! `check_access_opened` answers it. What a record store asks before it releases a set of
//! records, and what `healthchain consent check-batch` reads as JSON lines.

use super::{
	openings::{Opening, MAX_OPENINGS},
	AccessQuestion, Action, DataCategory, Purpose, RecordScope,
};
use crate::{
	chain::Chain,
	hash::Hash32,
	invalid,
	keys::parse_account,
	runtime::api::{
		self,
		runtime_types::pallet_consent::types::{AccessBatchError, AccessDecision, AccessQuery},
	},
};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use subxt::utils::AccountId32;

/// The most questions one call answers (the runtime's `MAX_BATCH`).
pub const MAX_BATCH: usize = 256;

/// The answers to one batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchAnswers {
	/// The block whose state answered every question (the latest finalized block).
	pub block: u64,
	/// Its hash.
	pub block_hash: Hash32,
	/// One decision per question, in the questions' order.
	pub decisions: Vec<AccessDecision>,
}

impl Chain {
	/// What `check_access_opened` answers for each of `questions` (each with its scope's
	/// openings), in one call at the latest finalized block. At most [`MAX_BATCH`] questions.
	pub async fn check_access_batch(&self, questions: &[AccessQuestion]) -> Result<BatchAnswers> {
		if questions.len() > MAX_BATCH {
			return Err(invalid(format!(
				"{} questions: the chain answers at most {MAX_BATCH} in one call",
				questions.len()
			)));
		}
		let queries = questions
			.iter()
			.map(|question| AccessQuery {
				question: question.to_runtime(),
				openings: question.scope.openings.iter().map(Opening::to_runtime).collect(),
			})
			.collect();
		let at = self.at(false).await?;
		let (block, block_hash) = (at.block_number(), Hash32(at.block_hash().0));
		let payload = api::runtime_apis().consent_api().check_access_batch(queries);
		match Self::call(at, payload, "").await? {
			Ok(decisions) if decisions.len() == questions.len() => {
				Ok(BatchAnswers { block, block_hash, decisions })
			},
			Ok(decisions) => Err(anyhow::anyhow!(
				"the chain answered {} of {} questions",
				decisions.len(),
				questions.len()
			)),
			Err(AccessBatchError::TooManyQuestions { max }) => Err(invalid(format!(
				"{} questions: the chain answers at most {max} in one call",
				questions.len()
			))),
		}
	}
}

/// One question as a line of `consent check-batch`'s input (JSON), for example
/// `{"id": "rec-17", "accessor": "5F…", "patient": "5G…", "labels": ["imaging"], "purpose":
/// "treatment"}`. `action` defaults to `read`; `labels` to none (unknown: every category deny
/// applies); `token` and `recorded_at` (Unix ms) to unknown. `id`, any JSON value, is echoed in
/// the answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionLine {
	/// The caller's name for the question, echoed in its answer.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub id: Option<serde_json::Value>,
	/// Who accesses (SS58).
	pub accessor: String,
	/// Whose record (SS58).
	pub patient: String,
	/// The record's sensitivity labels.
	#[serde(default)]
	pub labels: Vec<DataCategory>,
	/// The record's health token, if named.
	#[serde(default)]
	pub token: Option<u64>,
	/// When the record was made (Unix ms), if known.
	#[serde(default)]
	pub recorded_at: Option<u64>,
	/// The action (default `read`).
	#[serde(default = "read")]
	pub action: Action,
	/// The purpose of use.
	pub purpose: Purpose,
}

fn read() -> Action {
	Action::Read
}

/// The openings a custodian holds, by patient, each once: what a question about a patient is
/// given (another patient's would tell this one their categories).
#[derive(Clone, Debug, Default)]
pub struct KnownOpenings(BTreeMap<[u8; 32], Vec<Opening>>);

impl KnownOpenings {
	/// `openings` grouped by their patient, the same commitment kept once.
	pub fn new(openings: impl IntoIterator<Item = Opening>) -> Result<Self> {
		let mut known: BTreeMap<[u8; 32], Vec<Opening>> = BTreeMap::new();
		for opening in openings {
			let of = known.entry(parse_account(&opening.patient)?.0).or_default();
			if !of.iter().any(|held| held.commitment == opening.commitment) {
				of.push(opening);
			}
		}
		Ok(Self(known))
	}

	/// `patient`'s.
	pub fn of(&self, patient: &AccountId32) -> &[Opening] {
		self.0.get(&patient.0).map(Vec::as_slice).unwrap_or_default()
	}

	/// What a question about `patient` is given: its openings, at most [`MAX_OPENINGS`] (more is
	/// an error, as the chain would ignore the rest).
	pub fn for_question(&self, patient: &AccountId32) -> Result<Vec<Opening>> {
		let openings = self.of(patient);
		if openings.len() > MAX_OPENINGS {
			return Err(invalid(format!(
				"{} openings for patient {patient}: the chain takes at most {MAX_OPENINGS} per question",
				openings.len()
			)));
		}
		Ok(openings.to_vec())
	}
}

impl QuestionLine {
	/// The question, with its patient's openings among `known`
	/// ([`KnownOpenings::for_question`]).
	pub fn question(&self, known: &KnownOpenings) -> Result<AccessQuestion> {
		let accessor = parse_account(&self.accessor)?;
		let patient = parse_account(&self.patient)?;
		let openings = known.for_question(&patient)?;
		Ok(AccessQuestion {
			accessor,
			patient,
			scope: RecordScope {
				labels: self.labels.clone(),
				token: self.token,
				recorded_at: self.recorded_at,
				openings,
			},
			action: self.action,
			purpose: self.purpose,
		})
	}
}

/// One line of `consent check-batch`'s output: the answer to the input line `line` (from 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerLine {
	/// The input line it answers (from 1).
	pub line: u64,
	/// The question's `id`, if it had one.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub id: Option<serde_json::Value>,
	/// Whether the access is permitted (absent if the line was not a question).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub permitted: Option<bool>,
	/// The decision and its basis (absent if the line was not a question).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub decision: Option<AccessDecision>,
	/// The block whose state decided.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub block: Option<u64>,
	/// Why the line was not a question, if it was not.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub error: Option<String>,
}

impl AnswerLine {
	/// The answer to line `line` decided `decision` at `block`.
	pub fn decided(
		line: u64,
		id: Option<serde_json::Value>,
		decision: AccessDecision,
		block: u64,
	) -> Self {
		let permitted = matches!(decision.decision, super::Decision::Permit);
		Self {
			line,
			id,
			permitted: Some(permitted),
			decision: Some(decision),
			block: Some(block),
			error: None,
		}
	}

	/// Line `line` was not a question: why.
	pub fn refused(line: u64, id: Option<serde_json::Value>, error: impl ToString) -> Self {
		Self {
			line,
			id,
			permitted: None,
			decision: None,
			block: None,
			error: Some(error.to_string()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "bob";

	#[test]
	fn a_question_line_takes_defaults_and_refuses_unknown_fields() {
		let line: QuestionLine = serde_json::from_str(&format!(
			r#"{{"id": 7, "accessor": "{ALICE}", "patient": "{BOB}", "labels": ["imaging", "hiv"], "purpose": "treatment"}}"#
		))
		.expect("a question");
		let question = line.question(&KnownOpenings::default()).expect("accounts parse");
		assert_eq!(question.action, Action::Read, "read by default");
		assert_eq!(question.scope.labels, vec![DataCategory::Imaging, DataCategory::Hiv]);
		assert_eq!((question.scope.token, question.scope.recorded_at), (None, None));
		assert_eq!(line.id, Some(serde_json::json!(7)));

		let typo = serde_json::from_str::<QuestionLine>(&format!(
			r#"{{"accessor": "{ALICE}", "patient": "{BOB}", "purpose": "treatment", "label": ["hiv"]}}"#
		));
		assert!(typo.is_err(), "a misspelt field is refused, not read as no labels");
		let no_purpose = serde_json::from_str::<QuestionLine>(&format!(
			r#"{{"accessor": "{ALICE}", "patient": "{BOB}"}}"#
		));
		assert!(no_purpose.is_err(), "the purpose is never assumed");
	}

	#[test]
	fn a_question_line_takes_only_its_patients_openings_and_at_most_sixteen() {
		let alice = parse_account(ALICE).unwrap();
		let bob = parse_account(BOB).unwrap();
		let of = |patient: &AccountId32, n| {
			(0..n).map(|_| Opening::new(patient, DataCategory::Hiv).unwrap()).collect::<Vec<_>>()
		};
		let line: QuestionLine = serde_json::from_str(&format!(
			r#"{{"accessor": "{ALICE}", "patient": "{BOB}", "purpose": "treatment"}}"#
		))
		.unwrap();
		let mut openings = of(&alice, 20);
		let bobs = of(&bob, 2);
		openings.extend(bobs.clone());
		// The same opening twice (the same file given twice) counts once.
		openings.extend(bobs);
		let question = line.question(&KnownOpenings::new(openings).unwrap()).expect("Bob's two");
		assert_eq!(question.scope.openings.len(), 2);
		assert!(question.scope.openings.iter().all(|opening| opening.is_of(&bob)));
		let too_many = KnownOpenings::new(of(&bob, MAX_OPENINGS + 1)).unwrap();
		let error = line.question(&too_many).unwrap_err().to_string();
		assert!(error.contains("at most 16"), "{error}");
	}

	#[test]
	fn a_refused_line_says_why_and_names_no_decision() {
		let answer = AnswerLine::refused(3, None, "not JSON");
		assert_eq!(
			serde_json::to_value(&answer).unwrap(),
			serde_json::json!({ "line": 3, "error": "not JSON" })
		);
	}
}
