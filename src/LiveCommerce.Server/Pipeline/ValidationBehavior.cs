using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Pipeline;

/// <summary>Refuses a malformed request before its handler runs, so no handler re-checks shape.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidated validated)
        {
            var validator = new Validator();
            validated.Validate(validator);
            validator.ThrowIfInvalid();
        }

        return next(message, cancellationToken);
    }
}
