package io.xrun.translator.core;

/** Sees every call at entry and exit: the --trace writer. Not on the path when tracing is off. */
public interface CallObserver {
    void entered(Call c);

    void exited(Call c);

    default void restarted(Call c) {
    }
}
