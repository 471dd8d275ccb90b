//! Which file system the config dir is on, read from /proc/self/mountinfo (Linux), and
//! what that means for the lock: flock on feeds.lock excludes processes on one host, and
//! on NFSv4 also processes on other clients, unless the mount has `local_lock=flock` or
//! `local_lock=all`, which keeps flock locks on the client. Elsewhere nothing is read.

use std::path::Path;

/// One line of /proc/self/mountinfo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub point: String,
    pub fstype: String,
    pub source: String,
    /// The per-superblock options (where NFS lists `local_lock=...`).
    pub options: Vec<String>,
}

impl Mount {
    /// `nfs4 (server:/export on /mnt/x, local_lock=none)`-style description for `-v`.
    pub fn describe(&self) -> String {
        let lock = self
            .options
            .iter()
            .find(|o| o.starts_with("local_lock="))
            .map_or(String::new(), |o| format!(", {o}"));
        format!("{} ({} on {}{lock})", self.fstype, self.source, self.point)
    }

    /// A warning when the lock does not exclude other hosts.
    pub fn lock_warning(&self) -> Option<String> {
        if !self.fstype.starts_with("nfs") {
            return None;
        }
        let local = self
            .options
            .iter()
            .find_map(|o| o.strip_prefix("local_lock="))
            .filter(|v| *v == "flock" || *v == "all")?;
        Some(format!(
            "the config dir is on NFS mounted with local_lock={local} ({}): the lock on feeds.lock \
             does not exclude inkwell processes on other hosts; share the feeds through git instead \
             (docs/many-machines.md)",
            self.point
        ))
    }
}

/// Undoes mountinfo's octal escapes (`\040` for a space).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses /proc/self/mountinfo; lines it cannot read are skipped.
pub fn parse_mountinfo(text: &str) -> Vec<Mount> {
    text.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let dash = fields.iter().position(|f| *f == "-")?;
            let point = fields.get(4)?;
            if dash < 6 {
                return None;
            }
            Some(Mount {
                point: unescape(point),
                fstype: (*fields.get(dash + 1)?).to_string(),
                source: unescape(fields.get(dash + 2)?),
                options: fields
                    .get(dash + 3)
                    .map_or(Vec::new(), |o| o.split(',').map(str::to_string).collect()),
            })
        })
        .collect()
}

/// The mount holding `path` (absolute): the last mounted of the longest mount points
/// that contain it.
pub fn mount_of<'m>(mounts: &'m [Mount], path: &str) -> Option<&'m Mount> {
    let contains = |point: &str| {
        point == "/"
            || path == point
            || path
                .strip_prefix(point)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    let mut best: Option<&Mount> = None;
    for m in mounts.iter().filter(|m| contains(&m.point)) {
        if best.is_none_or(|b| m.point.len() >= b.point.len()) {
            best = Some(m);
        }
    }
    best
}

/// The mount of `dir` (or of its nearest existing parent); `None` where there is no
/// /proc/self/mountinfo. Unless `always`, only an NFS mount (whose lock may need a
/// warning) is looked up: one `statfs` answers for every other file system.
pub fn of_dir(dir: &Path, always: bool) -> Option<Mount> {
    if !always && !may_be_nfs(dir) {
        return None;
    }
    let text = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let real = dir
        .ancestors()
        .find_map(|d| std::fs::canonicalize(d).ok())?;
    mount_of(&parse_mountinfo(&text), real.to_str()?).cloned()
}

/// Whether `dir` may be on NFS: false only when `statfs` says it is not.
fn may_be_nfs(dir: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        const NFS_SUPER_MAGIC: u64 = 0x6969;
        let Some(existing) = dir.ancestors().find(|d| d.exists()) else {
            return true;
        };
        rustix::fs::statfs(existing).map_or(true, |s| s.f_type as u64 == NFS_SUPER_MAGIC)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
40 22 0:35 / /home rw,relatime shared:20 - xfs /dev/sda2 rw,attr2
51 40 0:48 / /home/ann/shared rw,relatime shared:30 - nfs4 files:/export/ann rw,vers=4.2,rsize=1048576,hard,proto=tcp,local_lock=flock,addr=10.0.0.2
52 40 0:49 / /home/ann/My\\040Sync rw,nosuid shared:31 - fuse.sshfs ann@box:/sync rw,user_id=1000
53 22 0:50 / /mnt/v3 rw master:2 - nfs srv:/v3 rw,vers=3,local_lock=none
";

    #[test]
    fn mountinfo_lines_are_read() {
        let m = parse_mountinfo(INFO);
        assert_eq!(m.len(), 5);
        assert_eq!(m[2].point, "/home/ann/shared");
        assert_eq!(m[2].fstype, "nfs4");
        assert_eq!(m[2].source, "files:/export/ann");
        assert!(m[2].options.contains(&"local_lock=flock".to_string()));
        assert_eq!(m[3].point, "/home/ann/My Sync");
        assert!(parse_mountinfo("garbage\n1 2 3\n").is_empty());
    }

    #[test]
    fn the_longest_mount_point_holding_the_path_wins() {
        let m = parse_mountinfo(INFO);
        assert_eq!(
            mount_of(&m, "/home/ann/shared/inkwell").unwrap().fstype,
            "nfs4"
        );
        assert_eq!(mount_of(&m, "/home/ann/shared").unwrap().fstype, "nfs4");
        assert_eq!(mount_of(&m, "/home/ann/sharedx").unwrap().fstype, "xfs");
        assert_eq!(
            mount_of(&m, "/home/ann/My Sync/x").unwrap().fstype,
            "fuse.sshfs"
        );
        assert_eq!(mount_of(&m, "/etc").unwrap().fstype, "ext4");
    }

    #[test]
    fn nfs_with_a_local_lock_is_warned_about() {
        let m = parse_mountinfo(INFO);
        let w = m[2].lock_warning().expect("warned");
        assert!(
            w.contains("local_lock=flock") && w.contains("other hosts"),
            "{w}"
        );
        assert_eq!(
            m[4].lock_warning(),
            None,
            "local_lock=none locks across hosts"
        );
        assert_eq!(m[0].lock_warning(), None);
        let all = parse_mountinfo("1 0 0:1 / /n rw - nfs4 s:/ rw,local_lock=all\n");
        assert!(all[0].lock_warning().is_some());
        assert_eq!(
            m[2].describe(),
            "nfs4 (files:/export/ann on /home/ann/shared, local_lock=flock)"
        );
    }

    #[test]
    fn the_running_system_is_read() {
        if !Path::new("/proc/self/mountinfo").exists() {
            eprintln!("skipped: no /proc/self/mountinfo");
            return;
        }
        let m = of_dir(Path::new("/"), true).expect("the root is mounted");
        assert!(!may_be_nfs(Path::new("/proc")), "procfs is not NFS");
        assert_eq!(m.point, "/");
    }
}
