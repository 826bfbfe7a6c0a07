package io.xrun.translator.handlers;

import io.xrun.maps.ConstantTable;
import io.xrun.maps.FlagMap;
import io.xrun.maps.ValueMap;

/**
 * The constant tables handlers translate with, loaded once from syscall-maps. Each map's
 * source header is named in its table file.
 */
public final class Abi {
    public static final ConstantTable OPEN_FLAG_TABLE = ConstantTable.load("open-flags.tsv");
    public static final FlagMap OPEN_FLAGS = FlagMap.of(OPEN_FLAG_TABLE);
    public static final ConstantTable AT_FLAGS_TABLE = ConstantTable.load("at-flags.tsv");
    public static final FlagMap AT_FLAGS = FlagMap.of(AT_FLAGS_TABLE);
    public static final ConstantTable MMAP_PROT_TABLE = ConstantTable.load("mmap-prot.tsv");
    public static final FlagMap MMAP_PROT = FlagMap.of(MMAP_PROT_TABLE);
    public static final ConstantTable MMAP_FLAG_TABLE = ConstantTable.load("mmap-flags.tsv");
    public static final FlagMap MMAP_FLAGS = FlagMap.of(MMAP_FLAG_TABLE);
    public static final ValueMap MADVISE = ValueMap.load("madvise.tsv");
    public static final ConstantTable CLOCK_IDS_TABLE = ConstantTable.load("clock-ids.tsv");
    public static final ValueMap CLOCK_IDS = ValueMap.of(CLOCK_IDS_TABLE);
    public static final ConstantTable RLIMITS_TABLE = ConstantTable.load("rlimits.tsv");
    public static final ValueMap RLIMITS = ValueMap.of(RLIMITS_TABLE);
    public static final ConstantTable RLIMIT_VALUES = ConstantTable.load("rlimit-values.tsv");
    public static final ConstantTable WHENCE_TABLE = ConstantTable.load("whence.tsv");
    public static final ValueMap WHENCE = ValueMap.of(WHENCE_TABLE);
    public static final ValueMap SIGPROCMASK_HOW = ValueMap.load("sigprocmask-how.tsv");
    public static final ValueMap RUSAGE_WHO = ValueMap.load("rusage-who.tsv");
    public static final FlagMap GRND_FLAGS = FlagMap.load("grnd-flags.tsv");
    public static final ConstantTable MSYNC_FLAG_TABLE = ConstantTable.load("msync-flags.tsv");
    public static final FlagMap MSYNC_FLAGS = FlagMap.of(MSYNC_FLAG_TABLE);
    public static final FlagMap MLOCKALL_FLAGS = FlagMap.load("mlockall-flags.tsv");
    public static final ConstantTable MSG_FLAG_TABLE = ConstantTable.load("msg-flags.tsv");
    public static final FlagMap MSG_FLAGS = FlagMap.of(MSG_FLAG_TABLE);
    public static final ConstantTable FCNTL_TABLE = ConstantTable.load("fcntl-cmds.tsv");
    public static final ValueMap FCNTL_CMDS = ValueMap.of(FCNTL_TABLE);
    public static final ConstantTable IOCTL_TABLE = ConstantTable.load("ioctls.tsv");
    public static final ValueMap IOCTLS = ValueMap.of(IOCTL_TABLE);
    public static final ConstantTable SYSARCH_TABLE = ConstantTable.load("sysarch-ops.tsv");
    public static final ValueMap SYSARCH = ValueMap.of(SYSARCH_TABLE);

    private Abi() {
    }
}
