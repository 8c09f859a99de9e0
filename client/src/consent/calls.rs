//! The calls of the consent pallet, built from their generated types.

use super::{grantee, ConsentId, ConsentSpec};
use crate::{
	chain::Call,
	hash::Hash32,
	invalid,
	registry::OrganisationId,
	runtime::api::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		healthchain_runtime::RuntimeCall,
		pallet_consent::{
			pallet::Call as ConsentCall,
			types::{Capacity, Justification, Period},
		},
	},
};
use anyhow::Result;
use subxt::utils::AccountId32;

fn consent(call: ConsentCall) -> Call {
	Call(RuntimeCall::Consent(call))
}

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
		spec.provisions.iter().map(|p| p.to_runtime(time)).collect::<Result<Vec<_>>>()?;
	let start = spec.from.as_deref().map(time).transpose()?.unwrap_or(now);
	let end = spec.until.as_deref().map(time).transpose()?;
	Ok(consent(ConsentCall::grant {
		patient: *patient,
		grantee: grantee(&spec.grantee)?,
		provisions: BoundedVec(provisions),
		period: Period { start, end },
	}))
}

/// `revoke(consent)`.
pub fn revoke(id: ConsentId) -> Call {
	consent(ConsentCall::revoke { consent: id })
}

/// `remove(consent)`.
pub fn remove(id: ConsentId) -> Call {
	consent(ConsentCall::remove { consent: id })
}

/// `appoint_representative(representative, capacity, valid_until,
/// may_revoke_patient_consents)`.
pub fn appoint(
	representative: &AccountId32,
	capacity: Capacity,
	valid_until: Option<u64>,
	may_revoke_patient_consents: bool,
) -> Call {
	consent(ConsentCall::appoint_representative {
		representative: *representative,
		capacity,
		valid_until,
		may_revoke_patient_consents,
	})
}

/// `record_representative(patient, representative, capacity, valid_until, evidence)`.
pub fn record(
	patient: &AccountId32,
	representative: &AccountId32,
	capacity: Capacity,
	valid_until: Option<u64>,
	evidence: Hash32,
) -> Call {
	consent(ConsentCall::record_representative {
		patient: *patient,
		representative: *representative,
		capacity,
		valid_until,
		evidence: evidence.h256(),
	})
}

/// `attest_representative(patient, organisation, representative, evidence)`.
pub fn attest(
	patient: &AccountId32,
	organisation: OrganisationId,
	representative: &AccountId32,
	evidence: Hash32,
) -> Call {
	consent(ConsentCall::attest_representative {
		patient: *patient,
		organisation,
		representative: *representative,
		evidence: evidence.h256(),
	})
}

/// `withdraw_representative_record(patient, organisation)`.
pub fn withdraw_record(patient: &AccountId32, organisation: OrganisationId) -> Call {
	consent(ConsentCall::withdraw_representative_record { patient: *patient, organisation })
}

/// `remove_representative(patient, representative)`.
pub fn remove_representative(patient: &AccountId32, representative: &AccountId32) -> Call {
	consent(ConsentCall::remove_representative {
		patient: *patient,
		representative: *representative,
	})
}

/// `open_emergency_access(patient, justification, duration)`.
pub fn open_emergency(patient: &AccountId32, justification: Justification, ms: u64) -> Call {
	consent(ConsentCall::open_emergency_access { patient: *patient, justification, duration: ms })
}

/// `close_emergency_access(patient, practitioner)`.
pub fn close_emergency(patient: &AccountId32, practitioner: &AccountId32) -> Call {
	consent(ConsentCall::close_emergency_access { patient: *patient, practitioner: *practitioner })
}

/// `clear_emergency_access(patient)`.
pub fn clear_emergency(patient: &AccountId32) -> Call {
	consent(ConsentCall::clear_emergency_access { patient: *patient })
}

/// `change_access_record_deposit_owner(patient, index)`.
pub fn change_audit_deposit_owner(patient: &AccountId32, index: u64) -> Call {
	consent(ConsentCall::change_access_record_deposit_owner { patient: *patient, index })
}

/// `record_access(patient, accessor, commitment)`: `commitment` is the salted commitment to the
/// question and the decision `check_access` answered (`Chain::access_commitment`).
pub fn record_access(patient: &AccountId32, accessor: &AccountId32, commitment: Hash32) -> Call {
	consent(ConsentCall::record_access {
		patient: *patient,
		accessor: *accessor,
		commitment: commitment.h256(),
	})
}
