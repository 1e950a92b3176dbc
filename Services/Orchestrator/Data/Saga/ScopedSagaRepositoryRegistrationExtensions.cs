using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Shop.Orchestrator.Data.Saga;

public static class ScopedSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Keeps <typeparamref name="TSaga"/> in the scope's <typeparamref name="TContext"/>, saved by whoever owns the
    /// scope (see <see cref="ScopedSagaRepositoryContextFactory{TContext, TSaga}"/>). Use with a scoped mediator.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> ScopedDbContextRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        configurator.Repository(repository =>
        {
            repository.RegisterLoadSagaRepository<TSaga, ScopedSagaRepositoryContextFactory<TContext, TSaga>>();
            repository.RegisterQuerySagaRepository<TSaga, ScopedSagaRepositoryContextFactory<TContext, TSaga>>();
            repository.RegisterSagaRepository<TSaga, TContext, SagaConsumeContextFactory<TContext, TSaga>, ScopedSagaRepositoryContextFactory<TContext, TSaga>>();
        });
        return configurator;
    }
}
