//! End-to-end harness: starts real `healthchain-node` processes and drives them through the
//! real `healthchain` client binary, as an operator and a wallet would.
//!
//! The binaries are taken from the cargo target directory the tests were built in (build them
//! first: `cargo build -p healthchain-node -p healthchain`), or from `HEALTHCHAIN_NODE_BIN` and
//! `HEALTHCHAIN_CLIENT_BIN`.
#![deny(missing_docs)]

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use tempfile::TempDir;

/// The directory holding the built binaries: the parent of the test's `deps/` directory.
fn target_profile_dir() -> Result<PathBuf> {
	let exe = std::env::current_exe()?;
	let deps = exe.parent().ok_or_else(|| anyhow!("test executable has no directory"))?;
	let dir = if deps.ends_with("deps") { deps.parent().unwrap_or(deps) } else { deps };
	Ok(dir.to_path_buf())
}

fn binary(env: &str, name: &str) -> Result<PathBuf> {
	if let Ok(path) = std::env::var(env) {
		return Ok(PathBuf::from(path));
	}
	let path = target_profile_dir()?.join(name);
	if !path.exists() {
		bail!(
			"{} is not built; run `cargo build -p healthchain-node -p healthchain` first (or set {env})",
			path.display()
		);
	}
	Ok(path)
}

/// The `healthchain-node` binary.
pub fn node_binary() -> Result<PathBuf> {
	binary("HEALTHCHAIN_NODE_BIN", "healthchain-node")
}

/// The `healthchain` client binary.
pub fn client_binary() -> Result<PathBuf> {
	binary("HEALTHCHAIN_CLIENT_BIN", "healthchain")
}

/// The test runtime `healthchain-runtime-upgrade-test` builds beside the real one: the same
/// code with `spec_version` one higher (feature `upgrade-test`), to upgrade a running chain to.
/// Compacted and compressed by an optimised build, as the node's own; as the wasm compiler wrote
/// it in a debug build (which embeds that form in the node). Refused if the real runtime was
/// built after it (it would be another runtime's upgrade).
pub fn upgrade_test_runtime() -> Result<PathBuf> {
	let dir = target_profile_dir()?.join("wbuild/healthchain-runtime");
	let build = "cargo build -p healthchain-runtime-upgrade-test";
	let found = |name: &str| {
		["compact.compressed.wasm", "wasm"]
			.iter()
			.map(|ext| dir.join(format!("{name}.{ext}")))
			.find(|path| path.exists())
	};
	let upgrade = found("healthchain_runtime_upgrade_test").ok_or_else(|| {
		anyhow!("no healthchain_runtime_upgrade_test in {}: {build}", dir.display())
	})?;
	let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
	if let Some(real) = found("healthchain_runtime") {
		if modified(&real) > modified(&upgrade) {
			bail!("{} is older than the runtime it should upgrade: {build}", upgrade.display());
		}
	}
	Ok(upgrade)
}

/// The directory, beside the binaries, where this harness keeps what its nodes share: the raw
/// chain specifications they start from and wasmtime's cache of the compiled runtime.
fn shared_dir() -> Result<PathBuf> {
	let dir = target_profile_dir()?.join("e2e");
	std::fs::create_dir_all(&dir)?;
	Ok(dir)
}

/// The directory every node of these tests is given as `--wasm-cache`: the runtime is compiled
/// to machine code once, not by every node at its start (seconds of CPU each, on two cores).
pub fn wasm_cache() -> Result<PathBuf> {
	Ok(shared_dir()?.join("wasm-cache"))
}

/// The raw form of chain specification `chain` (`dev`, or a spec file), as `build-spec --raw`
/// writes it and as an operator distributes it: a node starting from it reads its genesis
/// storage instead of building it by running the runtime. Built once per test process.
fn raw_spec(chain: &str, name: &str) -> Result<PathBuf> {
	let path = shared_dir()?.join(format!("{name}-raw.json"));
	let output = Command::new(node_binary()?)
		// (Without `--disable-default-bootnode`, build-spec would add itself as a boot node of
		// a spec that names none, with a node key written under the default base path.)
		.args(["build-spec", "--raw", "--disable-default-bootnode", "--chain", chain])
		.stdin(Stdio::null())
		.output()
		.context("cannot run healthchain-node build-spec")?;
	if !output.status.success() {
		bail!("build-spec --chain {chain} --raw: {}", String::from_utf8_lossy(&output.stderr));
	}
	// Written beside and renamed: another test process may be reading the previous one.
	let partial = shared_dir()?.join(format!("{name}-raw.json.{}", std::process::id()));
	std::fs::write(&partial, &output.stdout)?;
	std::fs::rename(&partial, &path)?;
	warm_wasm_cache(&path)?;
	Ok(path)
}

/// Compile the runtime of chain specification `spec` into [`wasm_cache`] once, before the
/// tests start their nodes all at once (each would compile it, on two cores, while the cache
/// is empty: after a runtime change, or in a new target directory): a throwaway node, started
/// on it until it serves RPC (its GRANDPA set-up has called the runtime by then), then killed.
/// Best effort: on failure the nodes compile it themselves.
fn warm_wasm_cache(spec: &Path) -> Result<()> {
	let dir = tempfile::Builder::new().prefix("healthchain-e2e-warm-").tempdir()?;
	let log = dir.path().join("node.log");
	let mut child = Command::new(node_binary()?)
		.arg("--chain")
		.arg(spec)
		.arg("--base-path")
		.arg(dir.path().join("node"))
		.arg("--wasm-cache")
		.arg(wasm_cache()?)
		.args(["--rpc-port", &free_port()?.to_string(), "--port", &free_port()?.to_string()])
		.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
		.stdin(Stdio::null())
		.stdout(File::create(&log)?)
		.stderr(File::create(dir.path().join("node.err"))?)
		.spawn()
		.context("cannot start healthchain-node")?;
	let start = Instant::now();
	let serving = loop {
		let text = std::fs::read_to_string(dir.path().join("node.err")).unwrap_or_default()
			+ &std::fs::read_to_string(&log).unwrap_or_default();
		if text.contains("Running JSON-RPC server") {
			break true;
		}
		if child.try_wait()?.is_some() || start.elapsed() > Duration::from_secs(180) {
			break false;
		}
		std::thread::sleep(Duration::from_millis(200));
	};
	let _ = child.kill();
	let _ = child.wait();
	if !serving {
		eprintln!(
			"e2e: the node warming the wasm cache did not serve RPC; nodes compile themselves"
		);
	}
	Ok(())
}

/// [`raw_spec`] of `chain`, built by the first test that asks for it.
fn raw_spec_once(
	cell: &'static std::sync::OnceLock<std::result::Result<PathBuf, String>>,
	chain: &str,
	name: &str,
) -> Result<PathBuf> {
	cell.get_or_init(|| raw_spec(chain, name).map_err(|e| format!("{e:#}")))
		.clone()
		.map_err(|e| anyhow!(e))
}

/// The development chain's specification, raw (the genesis `--dev` builds).
pub fn dev_spec() -> Result<PathBuf> {
	static SPEC: std::sync::OnceLock<std::result::Result<PathBuf, String>> =
		std::sync::OnceLock::new();
	raw_spec_once(&SPEC, "dev", "dev")
}

/// The committed local testnet's specification (`chain-specs/local.json`), raw.
pub fn local_spec() -> Result<PathBuf> {
	static SPEC: std::sync::OnceLock<std::result::Result<PathBuf, String>> =
		std::sync::OnceLock::new();
	let committed = workspace_root().join("chain-specs/local.json");
	raw_spec_once(&SPEC, &committed.display().to_string(), "local")
}

/// A TCP port that nothing listens on now and that no other call of this process has given,
/// taken below the kernel's range of ephemeral ports (32768–60999 on Linux). The kernel hands
/// out ports of that range itself, to outgoing connections and to a node's Prometheus server
/// (port 0): a port taken from it and freed could go to one of those before the node the test
/// starts binds it, and a node that cannot bind its peer-to-peer port runs without peers. Each
/// process starts at its own place in the range (the suite and the upgrade test run side by
/// side).
pub fn free_port() -> Result<u16> {
	use std::sync::atomic::{AtomicU32, Ordering};
	const LOW: u32 = 20_000;
	const SPAN: u32 = 12_000;
	static NEXT: AtomicU32 = AtomicU32::new(0);
	let start = std::process::id().wrapping_mul(2_654_435_761) % SPAN;
	for _ in 0..SPAN {
		let port = (LOW + (start + NEXT.fetch_add(1, Ordering::Relaxed)) % SPAN) as u16;
		if TcpListener::bind(("127.0.0.1", port)).is_ok() {
			return Ok(port);
		}
	}
	bail!("no free port between {LOW} and {}", LOW + SPAN)
}

/// A running development node with its own base path and ports; killed when dropped.
pub struct Node {
	child: Option<Child>,
	/// The node's base path (kept across restarts).
	pub base_path: PathBuf,
	_dir: Option<TempDir>,
	/// The RPC port.
	pub rpc_port: u16,
	log: PathBuf,
	restarts: u32,
	/// What the node is started with besides its base path and ports (`--dev`, or a chain
	/// spec and a validator's flags).
	chain_args: Vec<String>,
	/// Its libp2p port (kept across restarts, so that peers find it again).
	p2p_port: u16,
}

impl Node {
	/// Start a `--dev` node on a fresh temporary base path and wait until it finalizes a block.
	/// It starts from the development chain's raw specification ([`dev_spec`]): the same
	/// genesis, without running the runtime to build it.
	pub fn start_dev() -> Result<Self> {
		Self::start_dev_with(&[])
	}

	/// [`Node::start_dev`] with `extra` flags (`--rpc-methods safe`, …).
	pub fn start_dev_with(extra: &[&str]) -> Result<Self> {
		let dir = tempfile::Builder::new().prefix("healthchain-e2e-").tempdir()?;
		let base_path = dir.path().join("node");
		let mut node = Node {
			child: None,
			base_path,
			_dir: Some(dir),
			rpc_port: free_port()?,
			log: PathBuf::new(),
			restarts: 0,
			chain_args: ["--dev", "--chain", &dev_spec()?.display().to_string()]
				.iter()
				.chain(extra)
				.map(|arg| arg.to_string())
				.collect(),
			p2p_port: free_port()?,
		};
		node.spawn()?;
		node.wait_for_finalized(1, Duration::from_secs(180))?;
		Ok(node)
	}

	fn spawn(&mut self) -> Result<()> {
		self.log = self
			._dir
			.as_ref()
			.map(|d| d.path().join(format!("node-{}.log", self.restarts)))
			.unwrap_or_else(|| PathBuf::from("node.log"));
		let log = File::create(&self.log)?;
		let child = Command::new(node_binary()?)
			.args(&self.chain_args)
			.arg("--base-path")
			.arg(&self.base_path)
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--port", &self.p2p_port.to_string()])
			// Any free port, read back from the log: a port chosen here and freed may be taken
			// by another test's node before this one binds it, and a node that cannot bind its
			// Prometheus port runs on without one (another node's libp2p listener would then
			// answer `/metrics` on it with nothing at all).
			.args(["--prometheus-port", "0"])
			.args(["--no-telemetry", "--no-mdns"])
			.arg("--wasm-cache")
			.arg(wasm_cache()?)
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.context("cannot start healthchain-node")?;
		self.child = Some(child);
		Ok(())
	}

	/// The node's peer-to-peer address, given the node key `0x00…<key>` it was started with.
	pub fn p2p_address(&self, key: u8) -> Result<String> {
		Ok(format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, local_peer_id(key)?))
	}

	/// The node's RPC URL.
	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(30)..].join("\n")
	}

	/// Wait until the node serves RPC (it has logged the port it listens on and answers);
	/// whether or not it has any block.
	pub fn wait_until_serving(&mut self, timeout: Duration) -> Result<()> {
		let start = Instant::now();
		loop {
			if let Some(child) = self.child.as_mut() {
				if let Some(status) = child.try_wait()? {
					bail!("healthchain-node exited ({status}):\n{}", self.log_tail());
				}
			}
			if let Some((rpc, _)) = self.logged_ports() {
				self.rpc_port = rpc;
				if self.rpc("system_health", serde_json::json!([])).is_ok() {
					return Ok(());
				}
			}
			if start.elapsed() > timeout {
				bail!("no RPC after {timeout:?}:\n{}", self.log_tail());
			}
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// How many peers the node syncs with (`system_health`).
	pub fn peers(&self) -> Result<u64> {
		self.rpc("system_health", serde_json::json!([]))?["peers"]
			.as_u64()
			.context("system_health without peers")
	}

	/// The number of the node's best block.
	pub fn best(&self) -> Result<u64> {
		let header = self.rpc("chain_getHeader", serde_json::json!([]))?;
		let number = header["number"].as_str().context("a header without a number")?;
		Ok(u64::from_str_radix(number.trim_start_matches("0x"), 16)?)
	}

	/// The number of the node's finalized block.
	pub fn finalized(&self) -> Result<u64> {
		let hash = self.rpc("chain_getFinalizedHead", serde_json::json!([]))?;
		let header = self.rpc("chain_getHeader", serde_json::json!([hash]))?;
		let number = header["number"].as_str().context("a header without a number")?;
		Ok(u64::from_str_radix(number.trim_start_matches("0x"), 16)?)
	}

	/// Wait until the node reports a finalized block at or above `number`.
	pub fn wait_for_finalized(&mut self, number: u64, timeout: Duration) -> Result<Value> {
		let start = Instant::now();
		loop {
			if let Some(child) = self.child.as_mut() {
				if let Some(status) = child.try_wait()? {
					bail!("healthchain-node exited ({status}):\n{}", self.log_tail());
				}
			}
			// Ask only once the node says where its RPC server listens: the port this harness
			// chose may have been taken meanwhile (by another test's node), and the node then
			// listens on another one — asking the chosen port would ask that other node.
			if let Some((rpc, _)) = self.logged_ports() {
				self.rpc_port = rpc;
				if let Ok(status) = self.client(&["status"]) {
					if status.ok() && status.json["finalized"].as_u64().unwrap_or(0) >= number {
						return Ok(status.json);
					}
				}
			}
			if start.elapsed() > timeout {
				bail!("no finalized block #{number} after {timeout:?}:\n{}", self.log_tail());
			}
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// The RPC port and the Prometheus port (if it says) this run of the node logged it listens
	/// on (`Running JSON-RPC server: addr=127.0.0.1:<port>,…`, `Prometheus exporter started at
	/// 127.0.0.1:<port>`), once it has.
	fn logged_ports(&self) -> Option<(u16, Option<u16>)> {
		let text = std::fs::read_to_string(&self.log).ok()?;
		let port_after = |marker: &str| -> Option<u16> {
			let rest = &text[text.find(marker)? + marker.len()..];
			let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
			digits.parse().ok()
		};
		let rpc = port_after("Running JSON-RPC server: addr=127.0.0.1:")?;
		Some((rpc, port_after("Prometheus exporter started at 127.0.0.1:")))
	}

	/// Kill the node at once (SIGKILL: no clean shutdown) and wait for it to exit.
	pub fn kill(&mut self) -> Result<()> {
		if let Some(mut child) = self.child.take() {
			child.kill()?;
			child.wait()?;
		}
		Ok(())
	}

	/// Start the node again on the same base path and ports (killing it first if it runs);
	/// do not wait for anything.
	pub fn start_again(&mut self) -> Result<()> {
		self.kill()?;
		self.restarts += 1;
		self.spawn()
	}

	/// Start the node again on the same base path and ports; wait until it finalizes past
	/// `finalized`.
	pub fn restart(&mut self, finalized: u64) -> Result<()> {
		self.start_again()?;
		self.wait_for_finalized(finalized + 1, Duration::from_secs(180))?;
		Ok(())
	}

	/// The log of the node's current run so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}

	/// The block hash at `number` in the node's chain (`chain_getBlockHash`), if it has one.
	pub fn block_hash(&self, number: u64) -> Result<Option<String>> {
		Ok(self
			.rpc("chain_getBlockHash", serde_json::json!([number]))?
			.as_str()
			.map(str::to_string))
	}

	/// The node's Prometheus metrics page (`GET /metrics` on the Prometheus port).
	pub fn metrics(&self) -> Result<String> {
		use std::io::{Read, Write};
		let start = Instant::now();
		let port = loop {
			if let Some((_, Some(port))) = self.logged_ports() {
				break port;
			}
			if start.elapsed() > Duration::from_secs(30) {
				bail!("the node has not logged a Prometheus port:\n{}", self.log_tail());
			}
			std::thread::sleep(Duration::from_millis(200));
		};
		let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
		stream.set_read_timeout(Some(Duration::from_secs(10)))?;
		stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
		let mut response = String::new();
		stream.read_to_string(&mut response)?;
		Ok(response)
	}

	/// A JSON-RPC call to the node over HTTP (the RPC port serves both HTTP and WebSocket;
	/// HTTP/1.0, so that the answer is not chunked): its `result`, or its `error` as an error.
	/// The `Host` header names the port: a node not on `--dev` refuses any other host (`403
	/// Provided Host header is not whitelisted`).
	pub fn rpc(&self, method: &str, params: Value) -> Result<Value> {
		let request =
			serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let answer = self.post(&request).with_context(|| method.to_string())?;
		if let Some(error) = answer.get("error") {
			bail!("{method}: {error}");
		}
		Ok(answer["result"].clone())
	}

	/// A batch of JSON-RPC calls in one HTTP request (one connection): the answers, each with
	/// its `result` or `error`, in the order of `calls`.
	pub fn rpc_batch(&self, calls: &[(&str, Value)]) -> Result<Vec<Value>> {
		let batch: Vec<Value> = calls
			.iter()
			.enumerate()
			.map(|(id, (method, params))| {
				serde_json::json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
			})
			.collect();
		let mut answers = match self.post(&Value::Array(batch))? {
			Value::Array(answers) => answers,
			other => bail!("not a batch answer: {other}"),
		};
		answers.sort_by_key(|answer| answer["id"].as_u64());
		Ok(answers)
	}

	/// POST `request` to the RPC port; the JSON answer.
	fn post(&self, request: &Value) -> Result<Value> {
		use std::io::{Read, Write};
		let body = request.to_string();
		let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.rpc_port))?;
		stream.set_read_timeout(Some(Duration::from_secs(120)))?;
		write!(
			stream,
			"POST / HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
			self.rpc_port,
			body.len()
		)?;
		let mut response = Vec::new();
		stream.read_to_end(&mut response)?;
		let response = String::from_utf8_lossy(&response);
		let (_, body) = response.split_once("\r\n\r\n").context("an HTTP response")?;
		serde_json::from_str(body.trim()).with_context(|| format!("not a JSON-RPC answer: {body}"))
	}

	/// Run `healthchain-node <args> --dev --base-path <this node's base path>` to completion
	/// (the node itself must be stopped); its exit status and output.
	pub fn subcommand(&self, args: &[&str]) -> Result<std::process::Output> {
		Command::new(node_binary()?)
			.args(args)
			.args(["--dev", "--base-path"])
			.arg(&self.base_path)
			.stdin(Stdio::null())
			.output()
			.context("cannot run healthchain-node")
	}

	/// Run the client against this node with `--json`.
	pub fn client(&self, args: &[&str]) -> Result<ClientRun> {
		run_client(&self.url(), args)
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.kill();
	}
}

/// The committed local testnet's validators (`chain-specs/local.json`), in its order: each is
/// also a council member.
pub const LOCAL_VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];

/// The four validators of the committed local testnet (`chain-specs/local.json`), each a real
/// node on loopback with its own base path and ports, connected through the first one.
pub struct Network {
	/// The nodes, in [`LOCAL_VALIDATORS`] order.
	pub nodes: Vec<Node>,
	/// The first node's multiaddress, through which the others connect.
	bootnode: String,
	/// Holds the nodes' directories; removed after them (fields drop in order).
	_dir: TempDir,
}

impl Network {
	/// Start the local testnet's four validators and wait until the first finalizes a block
	/// (which GRANDPA needs three of the four for).
	pub fn start_local() -> Result<Self> {
		let dir = tempfile::Builder::new().prefix("healthchain-e2e-net-").tempdir()?;
		let spec = local_spec()?;
		let first_port = free_port()?;
		// Fixed node keys (a validator of a non-development chain must have one), so that the
		// first node's peer id is known before it starts.
		let keys: Vec<String> = (1..=4u8).map(|i| format!("{:064x}", i)).collect();
		let bootnode = format!("/ip4/127.0.0.1/tcp/{first_port}/p2p/{}", peer_id(&keys[0])?);
		let mut nodes = Vec::new();
		for (i, (name, key)) in LOCAL_VALIDATORS.iter().zip(&keys).enumerate() {
			let node_dir =
				tempfile::Builder::new().prefix(&format!("{name}-")).tempdir_in(dir.path())?;
			let mut chain_args: Vec<String> = vec![
				"--chain".into(),
				spec.display().to_string(),
				format!("--{name}"),
				"--validator".into(),
				"--node-key".into(),
				key.clone(),
			];
			if i > 0 {
				chain_args.extend(["--bootnodes".into(), bootnode.clone()]);
			}
			let mut node = Node {
				child: None,
				base_path: node_dir.path().join("node"),
				_dir: Some(node_dir),
				rpc_port: free_port()?,
				log: PathBuf::new(),
				restarts: 0,
				chain_args,
				p2p_port: if i == 0 { first_port } else { free_port()? },
			};
			node.spawn()?;
			nodes.push(node);
		}
		nodes[0].wait_for_finalized(1, Duration::from_secs(240))?;
		// Each of the others too (which also learns the RPC port it listens on).
		for node in &mut nodes[1..] {
			node.wait_for_finalized(1, Duration::from_secs(120))?;
		}
		Ok(Network { nodes, bootnode, _dir: dir })
	}

	/// Start one more node of the local testnet with the node key `0x00…<key>` (the local
	/// testnet authorises the nodes with keys 1 to 4), connecting through the first node, with
	/// `extra` flags (`--validator`, `--reserved-nodes …`); wait until it serves RPC (not until
	/// it has blocks: it may get none).
	pub fn start_node(&self, key: u8, extra: &[String]) -> Result<Node> {
		let node_dir = tempfile::Builder::new()
			.prefix(&format!("node-{key}-"))
			.tempdir_in(self._dir.path())?;
		let spec = local_spec()?;
		let mut node = Node {
			child: None,
			base_path: node_dir.path().join("node"),
			_dir: Some(node_dir),
			rpc_port: free_port()?,
			log: PathBuf::new(),
			restarts: 0,
			chain_args: vec![
				"--chain".into(),
				spec.display().to_string(),
				"--node-key".into(),
				format!("{key:064x}"),
				"--bootnodes".into(),
				self.bootnode.clone(),
			]
			.into_iter()
			.chain(extra.iter().cloned())
			.collect(),
			p2p_port: free_port()?,
		};
		node.spawn()?;
		node.wait_until_serving(Duration::from_secs(120))?;
		Ok(node)
	}
}

/// The peer id of the node whose node key is `0x00…<key>` (as `--node-key` takes it).
pub fn local_peer_id(key: u8) -> Result<String> {
	peer_id(&format!("{key:064x}"))
}

/// The libp2p peer id of the ed25519 node key `key` (hex), as `healthchain-node key
/// inspect-node-key` gives it.
fn peer_id(key: &str) -> Result<String> {
	let file = tempfile::NamedTempFile::new()?;
	std::fs::write(file.path(), key)?;
	let output = Command::new(node_binary()?)
		.args(["key", "inspect-node-key", "--file"])
		.arg(file.path())
		.output()
		.context("cannot run healthchain-node key inspect-node-key")?;
	if !output.status.success() {
		bail!("inspect-node-key failed: {}", String::from_utf8_lossy(&output.stderr));
	}
	Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// One run of the client: its exit status and its JSON output.
#[derive(Debug)]
pub struct ClientRun {
	/// The exit code.
	pub code: i32,
	/// The JSON it printed (`Null` if none).
	pub json: Value,
	/// What it printed on standard error.
	pub stderr: String,
}

impl ClientRun {
	/// Whether it exited with status 0.
	pub fn ok(&self) -> bool {
		self.code == 0
	}

	/// The error id it reported (`registry.NotAuthorized`), if any.
	pub fn error(&self) -> Option<&str> {
		self.json["error"].as_str()
	}

	/// The first event `pallet.name` of the transaction, if any.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&Value> {
		self.json["outcome"]["events"]
			.as_array()?
			.iter()
			.find(|e| e["pallet"] == pallet && e["name"] == name)
	}
}

/// Run `healthchain --url <url> --json <args>`.
pub fn run_client(url: &str, args: &[&str]) -> Result<ClientRun> {
	run_client_in(Path::new("."), url, args)
}

/// Run `healthchain --url <url> --json <args>` in directory `dir` (relative paths are there).
pub fn run_client_in(dir: &Path, url: &str, args: &[&str]) -> Result<ClientRun> {
	let output = Command::new(client_binary()?)
		.current_dir(dir)
		.args(["--url", url, "--json"])
		.args(args)
		.stdin(Stdio::null())
		.output()
		.context("cannot run healthchain")?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	let json = stdout
		.lines()
		.rev()
		.find_map(|line| serde_json::from_str::<Value>(line).ok())
		.unwrap_or(Value::Null);
	Ok(ClientRun {
		code: output.status.code().unwrap_or(-1),
		json,
		stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
	})
}

/// Run `healthchain --url <url> --json <args>` with `input` on its standard input (closed
/// after it): its exit status, and every line it printed on standard output.
pub fn run_client_with_input(url: &str, args: &[&str], input: &str) -> Result<(i32, Vec<String>)> {
	use std::io::Write;
	let mut child = Command::new(client_binary()?)
		.args(["--url", url, "--json"])
		.args(args)
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::inherit())
		.spawn()
		.context("cannot run healthchain")?;
	let mut stdin = child.stdin.take().context("the client's standard input")?;
	stdin.write_all(input.as_bytes())?;
	drop(stdin);
	let output = child.wait_with_output()?;
	let lines = String::from_utf8_lossy(&output.stdout).lines().map(str::to_string).collect();
	Ok((output.status.code().unwrap_or(-1), lines))
}

/// The workspace's root directory.
///
/// Read from `CARGO_MANIFEST_DIR` at run time (cargo sets it for the tests it runs): the value
/// compiled in can be another checkout's, because cargo reuses a workspace crate's artifacts
/// across checkouts that share a target directory when their sources are unchanged.
pub fn workspace_root() -> PathBuf {
	let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
	manifest_dir.parent().map(Path::to_path_buf).unwrap_or_default()
}
