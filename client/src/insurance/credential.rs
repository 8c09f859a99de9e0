//! The credential a patient keeps and the presentation they give a verifier.

use super::*;

/// One claim of a credential: the claim, its salt and its leaf's position in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialClaim {
	/// The claim.
	#[serde(flatten)]
	pub claim: ClaimJson,
	/// Its salt.
	pub salt: Hash32,
	/// Its leaf's index in the claim tree.
	pub index: u8,
}

/// What the patient keeps: the claims in clear, with what proves each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
	/// [`CREDENTIAL_FORMAT`].
	pub format: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash32,
	/// The attestation's id (`None` while the attestation is being submitted).
	pub attestation: Option<u64>,
	/// The patient it is bound to (SS58).
	pub patient: String,
	/// The claim tree's root, the attestation's commitment.
	pub commitment: Hash32,
	/// The claims.
	pub claims: Vec<CredentialClaim>,
	/// The tree's [`CLAIM_TREE_LEAVES`] leaf hashes (claims and random fillers).
	pub leaves: Vec<Hash32>,
}

impl Credential {
	/// A new credential for `claims` of `patient`: a fresh random salt per claim, the claims at
	/// random positions of the tree, random fillers elsewhere.
	pub fn new(
		genesis_hash: Hash32,
		patient: &AccountId32,
		claims: Vec<ClaimJson>,
	) -> Result<Self> {
		let size = CLAIM_TREE_LEAVES as usize;
		if claims.len() > size {
			return Err(invalid(format!("a coverage has at most {size} claims")));
		}
		// A random permutation of the positions (Fisher–Yates over OS randomness).
		let mut positions: Vec<u8> = (0..size as u8).collect();
		for i in (1..size).rev() {
			let mut bytes = [0u8; 4];
			getrandom::getrandom(&mut bytes)
				.map_err(|e| anyhow!("no randomness from the operating system: {e}"))?;
			let j = (u32::from_le_bytes(bytes) as usize) % (i + 1);
			positions.swap(i, j);
		}
		let mut leaves = Vec::with_capacity(size);
		for _ in 0..size {
			leaves.push(Hash32(random_salt()?));
		}
		let mut placed = Vec::with_capacity(claims.len());
		for (claim, index) in claims.into_iter().zip(positions) {
			let salt = random_salt()?;
			leaves[usize::from(index)] = Hash32(coverage::claim_leaf_hash(&claim.claim(), &salt));
			placed.push(CredentialClaim { claim, salt: Hash32(salt), index });
		}
		let raw: Vec<[u8; 32]> = leaves.iter().map(|leaf| leaf.0).collect();
		let commitment = coverage::claim_tree_root(&raw).ok_or_else(|| anyhow!("32 leaves"))?;
		Ok(Self {
			format: CREDENTIAL_FORMAT.into(),
			genesis_hash,
			attestation: None,
			patient: patient.to_string(),
			commitment: Hash32(commitment),
			claims: placed,
			leaves,
		})
	}

	/// Read a credential, checking that its claims and leaves lead to its commitment.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read the credential {}: {e}", path.display())))?;
		let credential: Self = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad credential {}: {e}", path.display())))?;
		if credential.format != CREDENTIAL_FORMAT {
			return Err(invalid(format!(
				"{} is a credential of format {:?}; this client reads {CREDENTIAL_FORMAT:?}",
				path.display(),
				credential.format
			)));
		}
		credential
			.check()
			.map_err(|e| invalid(format!("bad credential {}: {e}", path.display())))?;
		Ok(credential)
	}

	/// The leaves as the claim tree takes them.
	fn raw_leaves(&self) -> Vec<[u8; 32]> {
		self.leaves.iter().map(|leaf| leaf.0).collect()
	}

	/// Whether every claim is its leaf and the leaves lead to the commitment.
	pub(super) fn check(&self) -> Result<(), String> {
		let raw = self.raw_leaves();
		if coverage::claim_tree_root(&raw) != Some(self.commitment.0) {
			return Err("its leaves do not lead to its commitment".into());
		}
		for claim in &self.claims {
			let leaf = coverage::claim_leaf_hash(&claim.claim.claim(), &claim.salt.0);
			if raw.get(usize::from(claim.index)) != Some(&leaf) {
				return Err(format!("the claim {} is not its leaf", claim.claim.describe()));
			}
		}
		Ok(())
	}

	/// Write the credential to `path`, readable by its owner only: it holds the claims in clear.
	pub fn write(&self, path: &Path) -> Result<()> {
		let text = serde_json::to_string_pretty(self)? + "\n";
		let mut options = std::fs::OpenOptions::new();
		options.write(true).create(true).truncate(true);
		#[cfg(unix)]
		std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
		let mut file = options
			.open(path)
			.map_err(|e| invalid(format!("cannot write the credential {}: {e}", path.display())))?;
		// Also when the file existed (the mode above applies only to a new file).
		#[cfg(unix)]
		std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
			.with_context(|| format!("cannot restrict {}", path.display()))?;
		std::io::Write::write_all(&mut file, text.as_bytes())
			.with_context(|| format!("cannot write the credential {}", path.display()))
	}

	/// The claims named in `names` (`plan`, `member`, `network_tier`, `copay_class`, `period`,
	/// or a class of care), with their proofs, in the order named.
	pub fn disclose(&self, names: &[String]) -> Result<Vec<Disclosed>> {
		let raw = self.raw_leaves();
		let mut disclosed: Vec<Disclosed> = Vec::new();
		for name in names {
			let claim =
				self.claims.iter().find(|claim| claim.claim.name() == name).ok_or_else(|| {
					let held: Vec<&str> =
						self.claims.iter().map(|claim| claim.claim.name()).collect();
					invalid(format!(
						"the credential holds no claim {name:?}; it holds {}",
						held.join(", ")
					))
				})?;
			if disclosed.iter().any(|d| d.claim == claim.claim) {
				continue;
			}
			let proof = coverage::claim_proof(&raw, claim.index)
				.ok_or_else(|| anyhow!("no proof of leaf {}", claim.index))?;
			disclosed.push(Disclosed {
				claim: claim.claim.clone(),
				salt: claim.salt,
				index: claim.index,
				path: proof.path.iter().map(|hash| Hash32(*hash)).collect(),
			});
		}
		Ok(disclosed)
	}
}

/// A disclosed claim: the claim, its salt and its proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosed {
	/// The claim.
	#[serde(flatten)]
	pub claim: ClaimJson,
	/// Its salt.
	pub salt: Hash32,
	/// Its leaf's index in the claim tree.
	pub index: u8,
	/// The sibling hashes from its leaf to the root, leaf side first.
	pub path: Vec<Hash32>,
}

impl Disclosed {
	/// The proof as the runtime takes it; `None` unless it has [`CLAIM_PROOF_HASHES`] hashes.
	pub fn proof(&self) -> Option<ClaimProof> {
		let path: Vec<[u8; 32]> = self.path.iter().map(|hash| hash.0).collect();
		Some(ClaimProof { index: self.index, path: path.try_into().ok()? })
	}
}

/// What a patient gives a verifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
	/// [`PRESENTATION_FORMAT`].
	pub format: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash32,
	/// The attestation.
	pub attestation: u64,
	/// The patient who signed it (SS58).
	pub patient: String,
	/// The verifier's challenge.
	pub challenge: Hash32,
	/// The disclosed claims.
	pub disclosed: Vec<Disclosed>,
	/// The patient's sr25519 signature over [`Presentation::message`].
	pub signature: String,
}

impl Presentation {
	/// The bytes the patient signs: the SCALE encoding of (`"healthchain:insurance-presentation"`,
	/// genesis hash, challenge, attestation, patient, [(claim, salt, proof)]). Only these bytes:
	/// a signature over them wrapped in `<Bytes>…</Bytes>` (what polkadot.js `signRaw` signs for
	/// any web page that asks) is refused, so that no page's "sign this message" prompt can be
	/// turned into a presentation.
	pub fn message(
		genesis_hash: &Hash32,
		challenge: &Hash32,
		attestation: u64,
		patient: &AccountId32,
		disclosed: &[Disclosed],
	) -> Vec<u8> {
		let claims: Vec<(Claim, [u8; 32], Option<ClaimProof>)> =
			disclosed.iter().map(|d| (d.claim.claim(), d.salt.0, d.proof())).collect();
		(PRESENTATION_TAG, genesis_hash.0, challenge.0, attestation, patient.0, claims).encode()
	}

	/// The presentation of `disclosed` claims of attestation `attestation`, signed by `signer`
	/// over `challenge` and `genesis_hash`.
	pub fn sign(
		signer: &Keypair,
		genesis_hash: Hash32,
		attestation: u64,
		challenge: Hash32,
		disclosed: Vec<Disclosed>,
	) -> Self {
		let patient = signer.public_key().to_account_id();
		let message = Self::message(&genesis_hash, &challenge, attestation, &patient, &disclosed);
		let signature = signer.sign(&message);
		Self {
			format: PRESENTATION_FORMAT.into(),
			genesis_hash,
			attestation,
			patient: patient.to_string(),
			challenge,
			disclosed,
			signature: format!("0x{}", hex::encode(signature.0)),
		}
	}

	/// Read a presentation.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path).map_err(|e| {
			invalid(format!("cannot read the presentation {}: {e}", path.display()))
		})?;
		let presentation: Self = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad presentation {}: {e}", path.display())))?;
		if presentation.format != PRESENTATION_FORMAT {
			return Err(invalid(format!(
				"{} is a presentation of format {:?}; this client reads {PRESENTATION_FORMAT:?}",
				path.display(),
				presentation.format
			)));
		}
		Ok(presentation)
	}

	/// Whether it is within bounds: at most [`CLAIM_TREE_LEAVES`] claims, each text at most
	/// [`MAX_CLAIM_TEXT`] bytes, each proof [`CLAIM_PROOF_HASHES`] hashes.
	pub fn within_bounds(&self) -> Result<(), String> {
		if self.disclosed.len() as u64 > CLAIM_TREE_LEAVES {
			return Err(format!(
				"it discloses {} claims; a coverage has at most 32",
				self.disclosed.len()
			));
		}
		for disclosed in &self.disclosed {
			let text = match &disclosed.claim {
				ClaimJson::Plan(t)
				| ClaimJson::Member(t)
				| ClaimJson::NetworkTier(t)
				| ClaimJson::CopayClass(t) => t.len(),
				ClaimJson::Coverage(_) | ClaimJson::Period { .. } => 0,
			};
			if text > MAX_CLAIM_TEXT {
				return Err(format!("a claim's text has {text} bytes, more than {MAX_CLAIM_TEXT}"));
			}
			if disclosed.path.len() != CLAIM_PROOF_HASHES {
				return Err(format!(
					"the proof of {} has {} hashes, not {CLAIM_PROOF_HASHES}",
					disclosed.claim.describe(),
					disclosed.path.len()
				));
			}
		}
		Ok(())
	}

	/// The account that states it signed.
	pub fn patient(&self) -> Result<AccountId32> {
		crate::keys::parse_account(&self.patient)
	}

	/// Whether the signature is the stated patient's over this presentation.
	pub fn signature_is_valid(&self) -> bool {
		let Ok(patient) = self.patient() else { return false };
		// Only the 0x-prefixed form this client writes.
		let Some(signature) =
			self.signature.strip_prefix("0x").and_then(crate::keys::signature_from_hex)
		else {
			return false;
		};
		let message = Self::message(
			&self.genesis_hash,
			&self.challenge,
			self.attestation,
			&patient,
			&self.disclosed,
		);
		sr25519::verify(&sr25519::Signature(signature), &message, &sr25519::PublicKey(patient.0))
	}
}
