//! The date on this computer, for the commands that need "today" (`init` dates a new
//! campaign from it, `tally` measures progress by it). Pages never use it: readers'
//! phones decide their own today.

use jiff::civil::Date;

/// Today on this computer (local time where the platform tells it).
pub fn today() -> Date {
    #[cfg(unix)]
    {
        // SAFETY: time and localtime_r only write into the struct given to them.
        unsafe {
            let t = libc::time(std::ptr::null_mut());
            let mut tm: libc::tm = std::mem::zeroed();
            if !libc::localtime_r(&t, &mut tm).is_null()
                && let Ok(d) = Date::new(
                    (tm.tm_year + 1900) as i16,
                    (tm.tm_mon + 1) as i8,
                    tm.tm_mday as i8,
                )
            {
                return d;
            }
        }
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::SignedDuration::from_hours(secs / 86_400 * 24))
        .unwrap_or(jiff::civil::date(1970, 1, 1))
}
