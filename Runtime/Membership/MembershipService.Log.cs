using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Membership;

/// <summary>The service's log messages, source-generated so a disabled level costs nothing.</summary>
public sealed partial class MembershipService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} ({SiloName}) joined the membership table")]
    private partial void LogJoined(SiloAddress silo, string siloName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} changed its status from {From} to {To}")]
    private partial void LogStatusChanged(SiloAddress silo, SiloStatus from, SiloStatus to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private partial void LogLeft(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not mark its departure in the membership table; the others will declare it dead when its heartbeats stop")]
    private partial void LogLeaveFailed(Exception exception, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} lost a conditional write of status {Status} (attempt {Attempt}); re-reading")]
    private partial void LogWriteConflict(SiloAddress silo, SiloStatus status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {Dead} ({DeadName}) dead: {Reason}; declared by {Silo}")]
    private partial void LogDeclaredDead(SiloAddress dead, string deadName, string reason, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} lost the race to declare {Dead} dead; re-reading the table")]
    private partial void LogDeclarationConflict(SiloAddress dead, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {Silo} found itself declared dead (last by {DeclaredBy}); it must stop at once")]
    private partial void LogFoundSelfDead(SiloAddress silo, string declaredBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead while leaving the cluster")]
    private partial void LogDeclaredDeadWhileLeaving(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} refreshed {Seconds:0.###} s after its previous refresh (stalled, or the table was unreachable); it declares nobody dead for missed heartbeats for one death timeout")]
    private partial void LogStalled(SiloAddress silo, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of silo {Silo} was refused: its row is gone from the membership table")]
    private partial void LogHeartbeatRefused(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership {Step} of silo {Silo} did not finish within {Seconds} s; retrying next tick")]
    private partial void LogStepTimedOut(string step, SiloAddress silo, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership {Step} of silo {Silo} failed; retrying next tick")]
    private partial void LogStepFailed(Exception exception, string step, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} sees membership version {Version}: {Active} active of {Total} silos")]
    private partial void LogViewChanged(SiloAddress silo, int version, int active, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Event} handler of silo {Silo} threw")]
    private partial void LogHandlerFailed(Exception exception, string @event, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not join yet (attempt {Attempt}); trying again in {Delay}")]
    private partial void LogJoinRetry(Exception exception, SiloAddress silo, int attempt, TimeSpan delay);
}
