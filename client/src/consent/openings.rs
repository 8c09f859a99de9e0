//! Committed scopes: a provision that names a salted commitment to a data category
//! (`Scope::Committed`) instead of the category, so that a consent over `hiv` does not tell
//! every reader of the chain that the patient has such records; and the *openings* (category
//! and salt) the patient's wallet writes when it grants, which the custodian gives with every
//! question it asks (`check_access_opened`).

use super::{ConsentSpec, DataCategory};
use crate::{documents::random_salt, hash::Hash32, invalid, keys::parse_account};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;
use subxt::utils::AccountId32;

/// The `format` of an openings file.
pub const OPENINGS_FORMAT: &str = "healthchain-scope-openings/1";

/// The runtime's opening.
pub type RuntimeOpening = crate::runtime::api::runtime_types::pallet_consent::types::ScopeOpening;

/// The most openings `check_access_opened` takes (the runtime's `MAX_OPENINGS`).
pub const MAX_OPENINGS: usize = 16;

/// What opens one committed scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
	/// The patient whose consent holds it (SS58): the commitment is bound to it.
	pub patient: String,
	/// The category committed to.
	pub category: DataCategory,
	/// The salt it was committed with.
	pub salt: Hash32,
	/// The commitment the provision names: `healthchain_primitives::scope_commitment`.
	pub commitment: Hash32,
}

impl Opening {
	/// A commitment to `category` in `patient`'s consent, with a fresh salt.
	pub fn new(patient: &AccountId32, category: DataCategory) -> Result<Self> {
		let salt = random_salt()?;
		Ok(Self {
			patient: patient.to_string(),
			category,
			salt: Hash32(salt),
			commitment: commitment(patient, category, &salt),
		})
	}

	/// Whether the patient, the salt and the category give the commitment.
	pub fn holds(&self) -> bool {
		parse_account(&self.patient).is_ok_and(|patient| {
			commitment(&patient, self.category, &self.salt.0) == self.commitment
		})
	}

	/// Whether it opens a commitment of `patient`'s.
	pub fn is_of(&self, patient: &AccountId32) -> bool {
		parse_account(&self.patient).is_ok_and(|own| own == *patient)
	}

	/// The runtime's opening.
	pub fn to_runtime(&self) -> RuntimeOpening {
		RuntimeOpening { category: self.category, salt: self.salt.0 }
	}
}

/// `healthchain_primitives::scope_commitment` of `category` with `salt`. A category's SCALE
/// encoding is its one-byte index, which is its place in the generated enum (checked against
/// the metadata by a test).
fn commitment(patient: &AccountId32, category: DataCategory, salt: &[u8; 32]) -> Hash32 {
	Hash32(healthchain_primitives::scope_commitment(&patient.0, &(category as u8), salt).0)
}

/// An openings file: what the custodian keeps for a patient's committed scopes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Openings {
	/// [`OPENINGS_FORMAT`].
	pub format: String,
	/// The openings.
	pub openings: Vec<Opening>,
}

impl Openings {
	/// Read an openings file, each opening checked against its commitment.
	pub fn read(path: &Path) -> Result<Vec<Opening>> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
		let file: Openings = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("{} is not an openings file: {e}", path.display())))?;
		if file.format != OPENINGS_FORMAT {
			return Err(invalid(format!(
				"{}: format {:?}, expected {OPENINGS_FORMAT:?}",
				path.display(),
				file.format
			)));
		}
		if let Some(bad) = file.openings.iter().find(|o| !o.holds()) {
			return Err(invalid(format!(
				"{}: the opening of {} does not give its commitment",
				path.display(),
				bad.commitment
			)));
		}
		Ok(file.openings)
	}

	/// Write `openings` to `path`.
	pub fn write(path: &Path, openings: &[Opening]) -> Result<()> {
		let file = Openings { format: OPENINGS_FORMAT.into(), openings: openings.to_vec() };
		std::fs::write(path, serde_json::to_string_pretty(&file)? + "\n")
			.map_err(|e| invalid(format!("cannot write {}: {e}", path.display())))
	}
}

/// Commit every `committed:<category>` scope of `spec`, a consent of `patient`, with a fresh
/// salt (the scope becomes `commitment:0x…`); the openings, in provision order.
pub fn commit_scopes(spec: &mut ConsentSpec, patient: &AccountId32) -> Result<Vec<Opening>> {
	let mut openings = Vec::new();
	for provision in &mut spec.provisions {
		if let Some(name) = provision.scope.strip_prefix("committed:") {
			let opening = Opening::new(patient, super::parse_category(name)?)?;
			provision.scope = format!("commitment:{}", opening.commitment);
			openings.push(opening);
		}
	}
	Ok(openings)
}

#[cfg(test)]
mod tests {
	use super::*;

	const PATIENT: AccountId32 = AccountId32([7; 32]);

	#[test]
	fn an_opening_is_the_primitives_commitment_and_a_fresh_salt_each_time() {
		let one = Opening::new(&PATIENT, DataCategory::Hiv).unwrap();
		let two = Opening::new(&PATIENT, DataCategory::Hiv).unwrap();
		assert!(one.holds() && two.holds());
		assert_ne!(one.commitment, two.commitment, "never the same commitment twice");
		let mut other = one.clone();
		other.category = DataCategory::Imaging;
		assert!(!other.holds());
		let mut someone_else = one.clone();
		someone_else.patient = AccountId32([8; 32]).to_string();
		assert!(!someone_else.holds(), "bound to the patient");
		assert!(one.is_of(&PATIENT) && !one.is_of(&AccountId32([8; 32])));
	}

	#[test]
	fn a_category_is_encoded_as_its_index_in_the_runtime() {
		let metadata =
			subxt::Metadata::decode_from(&include_bytes!("../../metadata/healthchain.scale")[..])
				.expect("decodes");
		let ty = metadata
			.types()
			.types
			.iter()
			.find(|t| t.ty.path.segments.last().map(String::as_str) == Some("DataCategory"))
			.expect("DataCategory is in the metadata");
		let scale_info::TypeDef::Variant(variants) = &ty.ty.type_def else { panic!("an enum") };
		assert_eq!(variants.variants.len(), DataCategory::ALL.len());
		for category in &DataCategory::ALL {
			let name = format!("{category:?}");
			let variant = variants.variants.iter().find(|v| v.name == name).expect("the variant");
			assert_eq!(*category as u8, variant.index, "{name}");
		}
	}

	#[test]
	fn committed_scopes_become_commitments_and_others_stay() {
		let mut spec: ConsentSpec = serde_json::from_str(
			r#"{ "grantee": "org:0", "provisions": [
				{ "decision": "permit", "scope": "all", "actions": ["read"], "purposes": ["treatment"] },
				{ "decision": "deny", "scope": "committed:hiv", "actions": ["read"], "purposes": ["treatment"] } ] }"#,
		)
		.unwrap();
		let openings = commit_scopes(&mut spec, &PATIENT).unwrap();
		assert_eq!(openings.len(), 1);
		assert_eq!(spec.provisions[0].scope, "all");
		assert_eq!(spec.provisions[1].scope, format!("commitment:{}", openings[0].commitment));
		assert!(!spec.provisions[1].scope.contains("hiv"));
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("openings.json");
		Openings::write(&path, &openings).unwrap();
		assert_eq!(Openings::read(&path).unwrap(), openings);
	}
}
