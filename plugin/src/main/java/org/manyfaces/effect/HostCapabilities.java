package org.manyfaces.effect;

import java.util.Objects;

/**
 * What the host running an effect says it can do, without any OFX: the one object effect code asks instead of
 * reacting to failed host calls. Read once per host by the OFX façade ({@code ofx.host.HostProfile}); where a
 * host says nothing about a feature, it is taken as absent (the least a host can do).
 *
 * @param hostName           the host's {@code OfxPropName} ("uk.co.thefoundry.nuke", "MLT", ...), or "unknown host"
 * @param hostVersion        its version label (or the dotted {@code OfxPropVersion}), empty when not given
 * @param temporalClipAccess whether the host gives images of other times than the one rendered
 * @param multiResolution    whether it renders at scales other than 1
 * @param tiles              whether it renders windows smaller than the frame
 * @param multipleClipDepths whether clips of one instance may have different depths
 * @param sequentialRender   the host's {@code OfxImageEffectInstancePropSequentialRender}: 0 never forces
 *                           in-order renders, 1 always renders in order, 2 sometimes
 * @param cpus               the CPUs its multithread suite offers (1 without that suite)
 */
public record HostCapabilities(String hostName, String hostVersion, boolean temporalClipAccess, boolean multiResolution,
                               boolean tiles, boolean multipleClipDepths, int sequentialRender, int cpus) {
    /** Outside a host (CLI, tests): nothing is offered but the frame itself. */
    public static final HostCapabilities NONE = new HostCapabilities("no host", "", false, false, false, false, 0, 1);

    public HostCapabilities {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(hostVersion, "hostVersion");
    }

    /** The host as a user knows it: its name and version. */
    public String label() {
        return hostVersion.isEmpty() ? hostName : hostName + " " + hostVersion;
    }
}
