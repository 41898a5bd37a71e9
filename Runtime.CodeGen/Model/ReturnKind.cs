namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>The awaitable a grain method returns; decides how proxies and requests adapt the result.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
