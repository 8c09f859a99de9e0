//! The consortium council's calls the client makes besides proposing (see
//! [`crate::registry::consortium`]): voting on a motion, closing it and releasing its deposit.

use crate::{
	chain::{Call, PROPOSAL_LENGTH_BOUND},
	hash::Hash32,
	runtime::api::runtime_types::{
		healthchain_runtime::RuntimeCall, pallet_collective::pallet::Call as CouncilCall,
		pallet_utility::pallet::Call as UtilityCall, sp_weights::weight_v2::Weight,
	},
};

/// The most weight a motion the client closes may take to execute: far above any consortium
/// call's, far below a block's.
pub const PROPOSAL_WEIGHT_BOUND: Weight =
	Weight { ref_time: 500_000_000_000, proof_size: 1_000_000 };

/// `vote(proposal, index, approve)` (council members).
pub fn vote(proposal: Hash32, index: u32, approve: bool) -> Call {
	CouncilCall::vote { proposal: proposal.h256(), index, approve }.into()
}

/// `close(proposal_hash, index, proposal_weight_bound, length_bound)` (anyone), and in the same
/// transaction (`utility.batch_all`) `release_proposal_cost(proposal_hash)`: the proposer's
/// deposit returns as the motion closes.
pub fn close(proposal: Hash32, index: u32) -> Call {
	let close = RuntimeCall::Council(CouncilCall::close {
		proposal_hash: proposal.h256(),
		index,
		proposal_weight_bound: PROPOSAL_WEIGHT_BOUND,
		length_bound: PROPOSAL_LENGTH_BOUND,
	});
	let Call(release) = release(proposal);
	UtilityCall::batch_all { calls: vec![close, release] }.into()
}

/// `release_proposal_cost(proposal_hash)` (anyone): returns a closed motion's deposit to its
/// proposer, for a motion closed without it (by another client, or by `close` alone). Until
/// then the runtime refuses the same proposal again (`System.CallFiltered`).
pub fn release(proposal: Hash32) -> Call {
	CouncilCall::release_proposal_cost { proposal_hash: proposal.h256() }.into()
}
