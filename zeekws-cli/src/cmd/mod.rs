//! One module per subcommand.

pub mod bridge;
pub mod check;
pub mod contract;
pub mod generate;
pub mod ping;
pub mod publish;
pub mod serve;
pub mod tail;
