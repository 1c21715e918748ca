import { getOperationAST, type ExecutionArgs } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { Config } from './config.js';
import type { GatewayContext } from './context.js';
import { graphiqlAsset } from './graphiql/graphiql-page.js';
import { pollingCostOf } from './schema/live/live-events.js';
import { estimateCost } from './schema/cost/estimate.js';
import { admissionRefusal } from './schema/cost/admission.js';

// The gateway's own small Yoga plugins, in the order src/app.ts installs them.

export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      // A newcomer opening the bare address lands in GraphiQL rather than on an empty 404.
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        return endResponse(new Response(null, { status: 302, headers: { location: '/graphql' } }));
      }
      const response = await graphiqlAsset(url.pathname);
      if (response) endResponse(response);
    },
  };
}

/** Mutations are scheduled behind interactive queries; the kind is known once parsed. */
export function useOperationKind(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation) args.contextValue.operation.kind = operation.operation;
    },
  };
}

/**
 * Plans every operation before it runs: the estimate goes in `extensions.cost.estimate`;
 * an operation whose plan does not fit (too many calls, or more time than its deadline
 * leaves) is refused with it before any call (schema/cost/admission.ts);
 * `x-pennylane-cost: estimate` answers the estimate alone, without any upstream call (for a
 * subscription too: what opening it would read, with no stream and no poll).
 */
export function useCostPlanning(config: Config): Plugin<GatewayContext> {
  const estimateOf = (args: ExecutionArgs & { contextValue: GatewayContext }) =>
    estimateCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName, config.rateLimits, {
      portfolioConnections: args.contextValue.connections?.knownCount(args.contextValue.principal) ?? 0,
    });
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      if (context.costMode !== 'estimate') return;
      const estimate = estimateOf(args);
      setResultAndStopExecution({ data: null, extensions: { cost: { estimate } } });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const estimate = estimateOf(args);
      context.meter.estimate = estimate;
      if (context.costMode === 'estimate') {
        setResultAndStopExecution({ data: null, extensions: { cost: { estimate } } });
        return;
      }
      const refusal = admissionRefusal(estimate, {
        maxOperationCalls: config.maxOperationCalls,
        deadline: context.deadline,
        maxDeadlineMs: config.maxDeadlineMs,
      });
      if (refusal) setResultAndStopExecution({ errors: [refusal], extensions: { cost: { estimate } } });
    },
  };
}

/**
 * Each event of a subscription tells what the subscription has cost upstream so far
 * (`extensions.cost`) and, for change subscriptions, what polling spends of the token's budget
 * (`extensions.polling`).
 */
export function useSubscriptionExtensions(): Plugin<GatewayContext> {
  return {
    onSubscribe({ args }) {
      const context = args.contextValue;
      return {
        onSubscribeResult() {
          return {
            onNext({ result, setResult }) {
              const polling = pollingCostOf(context);
              setResult({ ...result, extensions: { ...result.extensions, cost: context.meter.toJSON(), ...(polling ? { polling } : {}) } });
            },
          };
        },
      };
    },
  };
}

/** Every response tells what it cost upstream, in `extensions.cost` (the edge logs it, once per operation). */
export function useCostExtension(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            setResult({ ...result, extensions: { ...result.extensions, cost: context.meter.toJSON() } });
          });
        },
      };
    },
  };
}
