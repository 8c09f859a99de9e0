//! `healthchain token verify`: a document (or its hash) against the ledger, with the bundle
//! that names its issuer.

use super::super::{read_file, App, Reported};
use anyhow::{bail, Result};
use healthchain_client::{
	documents::{Bundle, BundleIssuer},
	hash::Hash32,
	keys,
	tokens::{self, HashAlgorithm, Verdict},
};
use serde_json::json;
use std::path::PathBuf;

impl App {
	pub(super) async fn verify(
		&self,
		file: Option<&std::path::Path>,
		bundle: Option<&std::path::Path>,
		hash: Option<&str>,
		mut issuer: Option<BundleIssuer>,
	) -> Result<()> {
		let candidates: Vec<(Option<HashAlgorithm>, Hash32)> = match (file, hash) {
			(_, Some(hash)) => vec![(None, hash.parse()?)],
			(Some(path), None) => {
				let data = read_file(path)?;
				let default = Bundle::default_path(path);
				let bundle_path = bundle.map(PathBuf::from).or(default.exists().then_some(default));
				match bundle_path {
					Some(bundle_path) => {
						let bundle = Bundle::read(&bundle_path)?;
						if !bundle.matches(&data) {
							let message = format!(
								"NOT AUTHENTIC: {} is not the document its bundle {} commits to",
								path.display(),
								bundle_path.display()
							);
							self.print(
								json!({ "authentic": false, "valid_now": false, "reason": "bundle mismatch" }),
								|| message,
							);
							return Err(anyhow::Error::new(Reported));
						}
						issuer = issuer.or(bundle.issuer);
						vec![(Some(HashAlgorithm::SaltedSha256), bundle.hash)]
					},
					// A document anchored before salting, or by another tool, unsalted.
					None => [HashAlgorithm::Sha256, HashAlgorithm::Blake2_256]
						.into_iter()
						.filter_map(|algorithm| {
							algorithm.digest(&data).map(|hash| (Some(algorithm), hash))
						})
						.collect(),
				}
			},
			(None, None) => bail!("give the document or --hash"),
		};
		let chain = self.chain().await?;
		let key = issuer.as_ref().map(tokens::issuer).transpose()?;
		let mut found = None;
		for (algorithm, hash) in &candidates {
			let anchored = chain.verify(*hash, key.clone(), false).await?;
			let verifications = anchored.verifications();
			if verifications.len() > 1 {
				// Another issuer anchored the same hash (a copy): without the document's
				// issuer, nothing says which token is its own.
				let issuers: Vec<String> = verifications
					.iter()
					.map(|v| format!("token {} by {:?}", v.token.id, v.token.token.authority))
					.collect();
				let ambiguous = anchored.json()?;
				self.print(
					json!({ "authentic": false, "valid_now": false, "ambiguous": ambiguous }),
					|| {
						format!(
							"AMBIGUOUS: {} tokens anchor this document ({}); give its issuer with \
							 --issuer org:<id> (the bundle of a current client names it)",
							issuers.len(),
							issuers.join("; ")
						)
					},
				);
				return Err(anyhow::Error::new(Reported));
			}
			if let Some(&verification) = verifications.first() {
				let json = anchored.json()?.into_iter().next().unwrap_or_default();
				found = Some((*algorithm, *hash, (verification.clone(), json)));
				break;
			}
		}
		let Some((_, hash, verification)) = found else {
			let hashes: Vec<_> = candidates.iter().map(|(_, hash)| hash.to_string()).collect();
			self.print(json!({ "authentic": false, "valid_now": false, "hashes": hashes }), || {
				format!("NOT AUTHENTIC: no token anchors this document ({})", hashes.join(", "))
			});
			return Err(anyhow::Error::new(Reported));
		};
		let (typed, verification) = verification;
		let valid_now = typed.valid_now;
		let mut value = verification.clone();
		if let serde_json::Value::Object(map) = &mut value {
			map.insert("authentic".into(), true.into());
			map.insert("document_hash".into(), hash.to_string().into());
		}
		self.print(value, || {
			let token = &typed.token;
			let verdict = match &typed.verdict {
				Verdict::InForce => "AUTHENTIC and in force".to_string(),
				Verdict::InForceIssuerNoLongerAuthorized => {
					"AUTHENTIC and in force, issued while its issuer was authorized; the issuer is \
					 NO LONGER authorized"
						.to_string()
				},
				Verdict::IssuerAuthorityLapsed => {
					"AUTHENTIC but not in force: its issuer's authority has lapsed".to_string()
				},
				Verdict::Superseded => "AUTHENTIC but superseded by a later version".to_string(),
				Verdict::NotInForce(status) => format!("AUTHENTIC but not in force ({status:?})"),
			};
			format!(
				"{verdict}: token {} ({:?}), version {}, status {:?}\n  issued by {} under {}\n  \
				 issuer's authority still holds: {}",
				token.id,
				token.class,
				typed.version,
				token.effective,
				token.token.issuer,
				verification["token"]["token"]["authority"],
				token.authority_valid_now,
			)
		});
		if valid_now {
			Ok(())
		} else {
			Err(anyhow::Error::new(Reported))
		}
	}
}

/// `org:<id>` or `practitioner:<address>`.
pub(super) fn parse_issuer(text: &str) -> Result<BundleIssuer> {
	match text.split_once(':') {
		Some(("org", id)) => id
			.parse()
			.map(BundleIssuer::Organisation)
			.map_err(|_| healthchain_client::invalid(format!("bad organisation id in {text:?}"))),
		Some(("practitioner", account)) => {
			keys::parse_account(account)?;
			Ok(BundleIssuer::Practitioner(account.to_string()))
		},
		_ => Err(healthchain_client::invalid(format!(
			"{text:?}: give org:<id> or practitioner:<address>"
		))),
	}
}
